package jlink.demo.contract;

/**
 * Input of {@code greeting/hello}.
 *
 * @param name who to greet; must not be blank
 */
public record HelloInput(String name) {}
