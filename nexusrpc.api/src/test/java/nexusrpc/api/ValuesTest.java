package nexusrpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.StartResult;
import org.junit.jupiter.api.Test;

/** The small value types of the API behave as documented. */
class ValuesTest {
    @Test
    void retryBehaviourDefaultsByTypeAndCanBeOverridden() {
        for (ErrorType t : List.of(ErrorType.BAD_REQUEST, ErrorType.UNAUTHENTICATED, ErrorType.UNAUTHORIZED,
                ErrorType.NOT_FOUND, ErrorType.CONFLICT, ErrorType.NOT_IMPLEMENTED)) {
            assertFalse(new HandlerException(t, "x").isRetryable(), t + " is not retried by default");
            assertTrue(new HandlerException(t, "x", null, RetryBehavior.RETRYABLE).isRetryable(), t + " override");
        }
        for (ErrorType t : List.of(ErrorType.REQUEST_TIMEOUT, ErrorType.RESOURCE_EXHAUSTED, ErrorType.INTERNAL,
                ErrorType.UNAVAILABLE, ErrorType.UPSTREAM_TIMEOUT, ErrorType.UNKNOWN)) {
            assertTrue(new HandlerException(t, "x").isRetryable(), t + " is retried by default");
            assertFalse(new HandlerException(t, "x", null, RetryBehavior.NON_RETRYABLE).isRetryable(), t + " override");
        }
        assertEquals(12, ErrorType.values().length, "the 11 spec types plus UNKNOWN");
    }

    @Test
    void unknownWireTypesKeepTheirName() {
        assertEquals(ErrorType.BAD_REQUEST, ErrorType.fromWireName(" bad_request "));
        assertEquals(ErrorType.UNKNOWN, ErrorType.fromWireName("TEAPOT"));
        assertEquals(ErrorType.UNKNOWN, ErrorType.fromWireName(null));
        HandlerException e = new HandlerException(ErrorType.UNKNOWN, "TEAPOT", "short and stout", null,
                RetryBehavior.UNSPECIFIED);
        assertEquals("TEAPOT", e.rawType());
        assertEquals("INTERNAL", HandlerException.internal("x", null).rawType());
    }

    @Test
    void operationExceptionIsFailedOrCanceledOnly() {
        assertEquals(OperationState.FAILED, OperationException.failed("x").state());
        assertEquals(OperationState.CANCELED, OperationException.canceled("x").state());
        assertThrows(IllegalArgumentException.class,
                () -> new OperationException(OperationState.RUNNING, "x", null));
        assertEquals(OperationState.CANCELED, OperationState.fromWireName("Canceled"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OperationState.fromWireName("done"));
        assertTrue(e.getMessage().contains("running, succeeded, failed or canceled"));
    }

    @Test
    void headersAreCaseInsensitive() {
        Headers h = Headers.of(Map.of("Request-Timeout", "5s", "X-Custom", "v"));
        assertEquals("5s", h.get("request-timeout"));
        assertEquals("5s", h.get("REQUEST-TIMEOUT"));
        assertTrue(h.containsKey("x-CUSTOM"));
        assertTrue(h.keySet().contains("x-custom"), "keys are stored lower-case");
        assertSame(h, Headers.of(h));
        assertEquals(Headers.of("a", "1"), Headers.of(Map.of("A", "1")));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("a"));
        assertThrows(UnsupportedOperationException.class, () -> h.put("y", "z"));
    }

    @Test
    void contentComparesBytesAndDefaultsToEmpty() {
        Content a = Content.of("application/json", "{}".getBytes());
        assertEquals(a, Content.of("application/json", "{}".getBytes()));
        assertEquals("application/json", a.type());
        assertTrue(new Content(null, null).isEmpty());
        assertNull(Content.empty().type());
    }

    @Test
    void asyncStartsNeedAToken() {
        assertThrows(IllegalArgumentException.class, () -> StartResult.async(""));
        assertThrows(NullPointerException.class, () -> StartResult.async(null));
        assertEquals("t", StartResult.async("t").token());
        assertNull(StartResult.sync(null).value());
    }

    @Test
    void cancellationRunsCallbacksOnceAndKeepsTheFirstReason() {
        Cancellation c = new Cancellation();
        AtomicInteger calls = new AtomicInteger();
        List<String> order = new ArrayList<>();
        c.onCancel(calls::incrementAndGet);
        c.onCancel(() -> {
            throw new IllegalStateException("a failing callback does not stop the others");
        });
        c.onCancel(() -> order.add("second"));
        assertFalse(c.isCancelled());
        assertTrue(c.cancel("deadline reached"));
        assertFalse(c.cancel("again"));
        assertEquals("deadline reached", c.reason());
        assertEquals(1, calls.get());
        assertEquals(List.of("second"), order);
        c.onCancel(calls::incrementAndGet);
        assertEquals(2, calls.get(), "a callback registered after cancellation runs at once");
    }

    @Test
    void failureExceptionKeepsTheWholeChain() {
        Failure f = Failure.of("outer").withCause(Failure.of("inner")).withMetadata("type", "X");
        FailureException e = new FailureException(f);
        assertEquals("outer", e.getMessage());
        assertEquals("inner", e.getCause().getMessage());
        assertSame(f, e.failure());
        assertEquals("X", e.failure().metadata().get("type"));
    }

    @Test
    void aCallTimeoutMustBePositive() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CallOptions.builder().timeout(bad).build());
            assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
        }
        assertEquals(Duration.ofSeconds(1), CallOptions.builder().timeout(Duration.ofSeconds(1)).build().timeout());
        assertNull(CallOptions.builder().timeout(null).build().timeout());
    }

    @Test
    void callOptionsRefuseNullsWhereTheyAreGivenInsteadOfDroppingThem() {
        CallOptions.Builder b = CallOptions.builder();
        assertEquals("value", assertThrows(NullPointerException.class, () -> b.header("X-A", null)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class, () -> b.callbackHeader(null, "v")).getMessage());
        assertEquals("link", assertThrows(NullPointerException.class, () -> b.link(null)).getMessage());
    }
}
