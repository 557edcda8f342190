package jlink.demo.jobs;

/** Sends the outcome of a finished job to the callback URL the caller gave at start. */
@FunctionalInterface
interface CompletionDelivery {
    /**
     * Delivers one completion; retries are the delivery's business.
     *
     * @throws Exception if the completion could not be delivered (it is logged; the outcome stays fetchable)
     */
    void deliver(JobCompletion completion) throws Exception;
}
