package jlink.demo.jobs;

import java.time.Instant;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationState;

/**
 * The completion of a job, as sent to the caller's callback.
 *
 * @param callbackUrl where to send it
 * @param callbackHeaders the headers the caller asked to receive back
 * @param token the operation token
 * @param state succeeded, failed or canceled
 * @param result the serialized result when succeeded, else {@code null}
 * @param failure the failure when failed or canceled, else {@code null}
 * @param startTime when the operation was started
 */
record JobCompletion(
        String callbackUrl,
        Headers callbackHeaders,
        String token,
        OperationState state,
        Content result,
        Failure failure,
        Instant startTime) {}
