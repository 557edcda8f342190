package jlink.demo.contract;

/**
 * Input of {@code greeting/welcome}.
 *
 * @param name who to welcome; must not be blank
 * @param delayMillis how long to wait before the welcome is ready; 0 (or absent) answers at once
 */
public record WelcomeInput(String name, long delayMillis) {}
