package jlink.demo.contract;

/**
 * Input of {@code jobs/sleep}.
 *
 * @param millis how long the job sleeps (0 to one hour); required
 * @param fail if present, the job fails with this reason after sleeping instead of succeeding
 */
public record SleepInput(Long millis, String fail) {}
