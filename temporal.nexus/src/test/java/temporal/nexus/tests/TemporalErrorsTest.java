package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import org.junit.jupiter.api.Test;
import temporal.nexus.internal.TemporalErrors;

/** What a caller sees when a Temporal call made by a handler fails. */
class TemporalErrorsTest {
    private static HandlerException map(Status.Code code) {
        return TemporalErrors.toHandlerException(Status.fromCode(code).withDescription("why").asRuntimeException(),
                "starting workflow w");
    }

    @Test
    void theHandlersOwnCredentialsAreNotTheCallersFault() {
        // Temporal rejected the WORKER's credentials: the caller can do nothing about it, and a fixed configuration
        // lets a retry succeed, so this is a retryable INTERNAL error, not the caller's UNAUTHORIZED/UNAUTHENTICATED
        for (Status.Code code : new Status.Code[] {Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED}) {
            HandlerException e = map(code);
            assertEquals(ErrorType.INTERNAL, e.type(), code.name());
            assertTrue(e.isRetryable(), code.name());
            assertTrue(e.getMessage().contains("starting workflow w: " + code.name() + " why"), e.getMessage());
        }
    }

    @Test
    void statesARetryCannotChangeAreNotRetried() {
        for (Status.Code code : new Status.Code[] {Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE}) {
            HandlerException e = map(code);
            assertEquals(ErrorType.INTERNAL, e.type(), code.name());
            assertFalse(e.isRetryable(), code.name());
        }
    }

    @Test
    void transientCodesAreRetried() {
        assertEquals(ErrorType.UNAVAILABLE, map(Status.Code.ABORTED).type());
        assertEquals(ErrorType.UNAVAILABLE, map(Status.Code.UNAVAILABLE).type());
        assertEquals(ErrorType.UPSTREAM_TIMEOUT, map(Status.Code.DEADLINE_EXCEEDED).type());
        assertEquals(ErrorType.RESOURCE_EXHAUSTED, map(Status.Code.RESOURCE_EXHAUSTED).type());
        assertTrue(map(Status.Code.INTERNAL).isRetryable());
    }

    @Test
    void callerMistakesKeepTheirNexusType() {
        assertEquals(ErrorType.BAD_REQUEST, map(Status.Code.INVALID_ARGUMENT).type());
        assertEquals(ErrorType.NOT_FOUND, map(Status.Code.NOT_FOUND).type());
        assertEquals(ErrorType.CONFLICT, map(Status.Code.ALREADY_EXISTS).type());
        assertEquals(ErrorType.NOT_IMPLEMENTED, map(Status.Code.UNIMPLEMENTED).type());
    }
}
