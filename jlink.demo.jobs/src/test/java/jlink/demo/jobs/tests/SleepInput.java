package jlink.demo.jobs.tests;

/**
 * How long to sleep, and the reason to fail with afterwards, if any.
 *
 * @param millis how long to sleep
 * @param fail the failure message, or {@code null} to succeed
 */
public record SleepInput(Long millis, String fail) {}
