package jlink.demo.jobs.tests;

/**
 * What a successful sleep reports.
 *
 * @param sleptMillis how long it slept
 */
public record SleepResult(long sleptMillis) {}
