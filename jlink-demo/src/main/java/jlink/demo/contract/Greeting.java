package jlink.demo.contract;

/**
 * Output of {@code greeting/hello} and {@code greeting/welcome}.
 *
 * @param message the greeting, e.g. {@code Hello, Ada!}
 */
public record Greeting(String message) {}
