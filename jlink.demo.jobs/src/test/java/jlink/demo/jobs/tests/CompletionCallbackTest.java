package jlink.demo.jobs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.handler.transport.CompletionDelivery;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Completion callbacks: the kind calls {@code OperationContext.completionCallback()} once per job, and the
 * transport's {@link CompletionDelivery} receives the completion. The in-memory harness supplies no delivery, so
 * these starts are built by hand as a transport (HTTP) builds them.
 */
class CompletionCallbackTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CALLBACK_URL = "http://caller.example/callback";

    /** What the delivery received. */
    private record Delivered(String url, Headers headers, OperationCompletion completion) {}

    private final BlockingQueue<Delivered> delivered = new LinkedBlockingQueue<>();
    private final CompletionDelivery delivery = (url, headers, completion) -> {
        delivered.add(new Delivered(url, headers, completion));
        return CompletableFuture.completedFuture(null);
    };
    private final NexusHandler handler = Sleepers.handler(new Sleepers.Defaults());

    @AfterEach
    void close() {
        handler.close();
    }

    private String start(SleepInput input) {
        StartRequest request = StartRequest.builder("sleeper", "sleep")
                .input(handler.serializer().serialize(input, SleepInput.class))
                .callbackUrl(CALLBACK_URL)
                .callbackHeaders(Headers.of("X-Caller-Ref", "ref-42"))
                .completionDelivery(delivery)
                .build();
        StartOutcome outcome = handler.start(request);
        assertTrue(outcome instanceof StartOutcome.Async, outcome.toString());
        return ((StartOutcome.Async) outcome).token();
    }

    private Delivered next() throws InterruptedException {
        Delivered d = delivered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (d == null) {
            throw new AssertionError("no completion was delivered");
        }
        assertEquals(CALLBACK_URL, d.url());
        assertEquals("ref-42", d.headers().get("X-Caller-Ref"));
        return d;
    }

    /** Nothing more arrives: each job's completion is delivered once. */
    private void assertNoMoreDeliveries() throws InterruptedException {
        Delivered extra = delivered.poll(200, TimeUnit.MILLISECONDS);
        assertNull(extra, "delivered more than once");
    }

    @Test
    void successIsDeliveredOnceWithTheSerializedResult() throws Exception {
        String token = start(new SleepInput(5L, null));

        OperationCompletion c = next().completion();
        assertEquals(OperationState.SUCCEEDED, c.state());
        assertEquals(token, c.token());
        assertTrue(c instanceof OperationCompletion.Succeeded, c.toString());
        assertEquals("{\"sleptMillis\":5}",
                new String(((OperationCompletion.Succeeded) c).result().data(), StandardCharsets.UTF_8));
        assertNoMoreDeliveries();
    }

    @Test
    void failureIsDeliveredOnceWithItsReason() throws Exception {
        String token = start(new SleepInput(5L, "boom"));

        OperationCompletion c = next().completion();
        assertEquals(OperationState.FAILED, c.state());
        assertEquals(token, c.token());
        assertEquals("boom", ((OperationCompletion.Unsuccessful) c).failure().message());
        assertNoMoreDeliveries();
    }

    @Test
    void cancellationIsDeliveredOnce() throws Exception {
        String token = start(new SleepInput(Sleepers.HOUR, null));
        assertTrue(delivered.isEmpty(), "nothing is delivered while the job runs");

        handler.cancel(TokenRequest.builder("sleeper", "sleep", token).build());

        OperationCompletion c = next().completion();
        assertEquals(OperationState.CANCELED, c.state());
        assertEquals(token, c.token());
        // cancelling again, or the interrupted job ending, delivers nothing more
        handler.cancel(TokenRequest.builder("sleeper", "sleep", token).build());
        assertNoMoreDeliveries();
    }

    @Test
    void closingTheHandlerDeliversTheFailureOfTheRunningJobs() throws Exception {
        String token = start(new SleepInput(Sleepers.HOUR, null));

        handler.close();

        OperationCompletion c = next().completion();
        assertEquals(OperationState.FAILED, c.state());
        assertEquals(token, c.token());
        assertNoMoreDeliveries();
    }

    @Test
    void aFailedDeliveryDoesNotAffectTheJob() throws Exception {
        StartRequest request = StartRequest.builder("sleeper", "sleep")
                .input(handler.serializer().serialize(new SleepInput(1L, null), SleepInput.class))
                .callbackUrl(CALLBACK_URL)
                .completionDelivery((url, headers, completion) ->
                        CompletableFuture.failedFuture(new IllegalStateException("caller unreachable")))
                .build();
        String token = ((StartOutcome.Async) handler.start(request)).token();

        OperationHandle<SleepResult> handle = NexusTestHarness.of(handler).client(Sleeper.class)
                .handle(Sleeper::sleep, token);
        assertEquals(1, handle.result(WAIT).sleptMillis());
    }

    @Test
    void withoutADeliveryTheCallerFetchesTheResult() throws Exception {
        // the in-memory transport passes the callback URL but cannot deliver: the context has no callback
        OperationHandle<SleepResult> handle = NexusTestHarness.of(handler).client(Sleeper.class)
                .start(Sleeper::sleep, new SleepInput(1L, null),
                        CallOptions.builder().callbackUrl(CALLBACK_URL).build())
                .handle();

        assertEquals(1, handle.result(WAIT).sleptMillis());
        assertTrue(delivered.isEmpty());
    }
}
