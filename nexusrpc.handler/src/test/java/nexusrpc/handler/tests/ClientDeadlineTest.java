package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.handler.tests.Payloads.EchoInput;
import nexusrpc.handler.tests.Payloads.EchoOutput;
import org.junit.jupiter.api.Test;

/**
 * An execute's timeout bounds the whole call (start and the polls after it), seen from a recording endpoint: the
 * deadline each request carries is asserted, never how long anything took.
 */
class ClientDeadlineTest {
    private static final CallOptions SHORT = CallOptions.builder().timeout(Duration.ofMillis(50)).build();

    /** Answers every start asynchronously and records what the client sends. */
    private static class RecordingEndpoint implements NexusEndpoint {
        final List<Instant> startDeadlines = new CopyOnWriteArrayList<>();
        final List<TokenRequest> polls = new CopyOnWriteArrayList<>();
        volatile boolean slowStart;

        @Override
        public StartOutcome start(StartRequest request) {
            startDeadlines.add(request.deadline());
            while (slowStart && Instant.now().isBefore(request.deadline().plusMillis(1))) {
                Thread.onSpinWait(); // a start that uses up the whole timeout
            }
            return new StartOutcome.Async("t-1", List.of());
        }

        @Override
        public FetchResultOutcome fetchResult(TokenRequest request, Duration wait) {
            polls.add(request);
            return polls.size() < 2 ? new FetchResultOutcome.StillRunning()
                    : new FetchResultOutcome.Ready(Content.of("application/json",
                            "{\"message\":\"done\"}".getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public FetchInfoOutcome fetchInfo(TokenRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CancelOutcome cancel(TokenRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void everyPollOfAnExecuteCarriesTheDeadlineOfItsStart() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        CallOptions minute = CallOptions.builder().timeout(Duration.ofMinutes(1)).build();
        EchoOutput out = NexusClient.create(endpoint).execute("my-service", "echo", new EchoInput("x"),
                EchoOutput.class, minute);
        assertEquals("done", out.message());
        Instant deadline = endpoint.startDeadlines.get(0);
        assertNotNull(deadline);
        assertEquals(2, endpoint.polls.size());
        for (TokenRequest poll : endpoint.polls) {
            assertEquals(deadline, poll.deadline(), "a poll must give up when the call does");
        }
    }

    @Test
    void aTypedExecuteCarriesTheSameDeadlineToItsPolls() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        CallOptions minute = CallOptions.builder().timeout(Duration.ofMinutes(1)).build();
        NexusClient.create(endpoint).client(MyNexusService.class).execute(MyNexusService::echo, new EchoInput("x"),
                minute);
        Instant deadline = endpoint.startDeadlines.get(0);
        assertNotNull(deadline);
        assertEquals(deadline, endpoint.polls.get(0).deadline());
    }

    @Test
    void aStartThatUsesTheWholeTimeoutLeavesNoTimeToPoll() {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        endpoint.slowStart = true;
        assertThrows(OperationStillRunningException.class, () -> NexusClient.create(endpoint).execute(
                "my-service", "echo", new EchoInput("x"), EchoOutput.class, SHORT));
        assertTrue(endpoint.polls.isEmpty(), "the timeout counts from the start of the call, not after it");
    }

    @Test
    void aHandleUsedDirectlySendsNoDeadline() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        assertThrows(OperationStillRunningException.class, () -> NexusClient.create(endpoint)
                .<EchoOutput>handle("my-service", "echo", "t-1", EchoOutput.class).result(Duration.ZERO));
        assertNull(endpoint.polls.get(0).deadline());
    }

    @Service
    public interface Stubborn {
        @Operation
        String sleep(String label);
    }

    /** Sleeps past any short deadline without looking at its cancellation. */
    @ServiceImpl(Stubborn.class)
    public static final class StubbornImpl {
        @SyncOperation
        public String sleep(String label) throws InterruptedException {
            Thread.sleep(300);
            return label;
        }
    }

    @Test
    void inMemoryAHandlerThatIgnoresItsDeadlineGivesTheCallerRequestTimeoutNotItsLateResult() {
        // the same answer HTTP gives (408) and Temporal's server sees (no reply): the engine's DeadlineExceeded
        try (NexusTestHarness harness = NexusTestHarness.of(new StubbornImpl())) {
            HandlerException e = assertThrows(HandlerException.class, () -> harness.client(Stubborn.class)
                    .execute(Stubborn::sleep, "late", SHORT));
            assertEquals(HandlerException.ErrorType.REQUEST_TIMEOUT, e.type());
        }
    }
}
