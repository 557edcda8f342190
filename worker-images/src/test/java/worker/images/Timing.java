package worker.images;

/**
 * How long a launched worker took to serve its first call, what CPU time it had used by then and its resident
 * memory then (-1 where {@code /proc} cannot tell).
 *
 * @param wallMillis from launch to the answer of the first call
 * @param cpuMillis the worker's user + system CPU time by then
 * @param rssKib the worker's resident memory then
 */
record Timing(long wallMillis, long cpuMillis, long rssKib) {}
