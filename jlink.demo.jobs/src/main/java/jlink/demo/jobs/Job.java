package jlink.demo.jobs;

/**
 * The work of one background job, run on a worker thread after the start has answered with a token.
 *
 * @param <O> the operation's output type
 */
@FunctionalInterface
public interface Job<O> {
    /**
     * Does the work. Cancellation interrupts the thread: blocking calls throw {@link InterruptedException},
     * loops should check {@link JobControl#cancelRequested()}.
     *
     * @return the result, delivered to fetchResult and to the completion callback
     * @throws nexusrpc.api.OperationException to fail (or cancel) the operation with its message
     * @throws Exception anything else fails the operation; its message is logged, not sent
     */
    O run(JobControl control) throws Exception;
}
