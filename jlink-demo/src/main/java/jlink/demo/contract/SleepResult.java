package jlink.demo.contract;

/**
 * Output of {@code jobs/sleep}.
 *
 * @param sleptMillis how long the job slept
 */
public record SleepResult(long sleptMillis) {}
