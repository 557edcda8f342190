package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.NexusHandlerErrorRetryBehavior;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.nexus.v1.Request;
import io.temporal.api.nexus.v1.StartOperationRequest;
import io.temporal.api.nexus.v1.StartOperationResponse;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondNexusTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondNexusTaskFailedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import nexusrpc.handler.transport.NexusDurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import temporal.nexus.DataConverterSerializer;
import temporal.nexus.internal.FailureMapping;
import temporal.nexus.internal.TaskProcessor;

/** Task-to-reply mapping in both failure forms, without a server (the client is never called). */
@SuppressWarnings("deprecation") // the legacy failure form is deprecated in the API, and still tested
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskProcessorTest {
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private TaskProcessor processor;
    private final GreetingImpl impl = new GreetingImpl();

    @BeforeAll
    void setUp() {
        // never connected: these operations do not call Temporal
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:1").build());
        client = WorkflowClient.newInstance(stubs);
        NexusHandler handler = NexusHandler.builder().service(impl).build()
                .withSerializer(DataConverterSerializer.of(DefaultDataConverter.STANDARD_INSTANCE));
        processor = new TaskProcessor(handler, client, "ns", "tq", "me");
    }

    @AfterAll
    void tearDown() {
        stubs.shutdownNow();
    }

    private static PollNexusTaskQueueResponse start(String operation, String input, boolean modern) {
        Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(input).orElseThrow();
        return PollNexusTaskQueueResponse.newBuilder().setTaskToken(ByteString.copyFromUtf8("task-1"))
                .setRequest(Request.newBuilder().putHeader("request-timeout", "9s")
                        .setCapabilities(Request.Capabilities.newBuilder().setTemporalFailureResponses(modern))
                        .setStartOperation(StartOperationRequest.newBuilder().setService("greeting")
                                .setOperation(operation).setRequestId("r-1").setPayload(payload)))
                .build();
    }

    private Message process(PollNexusTaskQueueResponse task) {
        return processor.process(task, TaskProcessor.deadline(task.getRequest(), Instant.now()), new Cancellation())
                .orElseThrow(() -> new AssertionError("no reply"));
    }

    @Test
    void syncResultIsAPayloadTheCallerCanDecode() {
        RespondNexusTaskCompletedRequest r = assertInstanceOf(RespondNexusTaskCompletedRequest.class,
                process(start("echo", "hi", true)));
        assertEquals("task-1", r.getTaskToken().toStringUtf8());
        assertEquals("ns", r.getNamespace());
        Payload p = r.getResponse().getStartOperation().getSyncSuccess().getPayload();
        assertEquals("echo hi", DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, String.class, String.class));
    }

    @Test
    void handlerErrorInTheLegacyFormForOldServers() {
        RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(start("bad", "x", false)));
        assertFalse(r.hasFailure());
        assertEquals("BAD_REQUEST", r.getError().getErrorType());
        assertEquals("bad input: x", r.getError().getFailure().getMessage());
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE,
                r.getError().getRetryBehavior());
        // the Temporal failure inside, as Temporal's own handler sends it
        Failure carried = temporalFailureIn(r.getError().getFailure());
        assertEquals("bad input: x", carried.getMessage());
        assertTrue(carried.getApplicationFailureInfo().getNonRetryable());
    }

    /** Reads a legacy Nexus failure the way Temporal's server and SDKs do: the details are a Temporal failure. */
    private static Failure temporalFailureIn(io.temporal.api.nexus.v1.Failure nexus) {
        assertEquals("temporal.api.failure.v1.Failure", nexus.getMetadataMap().get("type"));
        Failure.Builder b = Failure.newBuilder();
        try {
            JsonFormat.parser().merge(nexus.getDetails().toStringUtf8(), b);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the details are not a Temporal failure: " + nexus.getDetails().toStringUtf8(), e);
        }
        assertEquals("", b.getMessage(), "the message travels in the Nexus failure, as Temporal sends it");
        return b.setMessage(nexus.getMessage()).build();
    }

    @Test
    void internalErrorsAreRetryableInBothForms() {
        RespondNexusTaskFailedRequest modern = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(start("flaky", "modern", true)));
        assertEquals("INTERNAL", modern.getFailure().getNexusHandlerFailureInfo().getType());
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE,
                modern.getFailure().getNexusHandlerFailureInfo().getRetryBehavior());
        assertEquals("transient trouble", modern.getFailure().getMessage());
        RespondNexusTaskFailedRequest legacy = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(start("flaky", "legacy", false)));
        assertEquals("INTERNAL", legacy.getError().getErrorType());
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE,
                legacy.getError().getRetryBehavior());
    }

    @Test
    void unknownOperationIsNotFoundInTheModernForm() {
        RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(start("nope", "x", true)));
        assertEquals("NOT_FOUND", r.getFailure().getNexusHandlerFailureInfo().getType());
        assertTrue(r.getFailure().getMessage().contains("\"nope\""), r.getFailure().getMessage());
    }

    @Test
    void operationFailureInBothForms() {
        StartOperationResponse modern = assertInstanceOf(RespondNexusTaskCompletedRequest.class,
                process(start("fail", "x", true))).getResponse().getStartOperation();
        Failure f = modern.getFailure();
        assertEquals("it failed on purpose", f.getMessage());
        assertEquals(FailureMapping.OPERATION_ERROR_TYPE, f.getApplicationFailureInfo().getType());
        assertTrue(f.getApplicationFailureInfo().getNonRetryable());
        assertEquals("the root cause", f.getCause().getMessage());
        assertEquals("", f.getStackTrace(), "no stack traces unless the handler is configured to send them");

        StartOperationResponse legacy = assertInstanceOf(RespondNexusTaskCompletedRequest.class,
                process(start("fail", "x", false))).getResponse().getStartOperation();
        assertEquals("failed", legacy.getOperationError().getOperationState());
        assertEquals("it failed on purpose", legacy.getOperationError().getFailure().getMessage());
        // the whole Temporal failure rides in the details: the same one the modern form sends
        assertEquals(f, temporalFailureIn(legacy.getOperationError().getFailure()));
    }

    @Test
    void aCheckedExceptionOfAKindMethodIsInternalWithoutItsMessage() {
        RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(start("leaky", "x", true)));
        assertEquals("INTERNAL", r.getFailure().getNexusHandlerFailureInfo().getType());
        assertFalse(r.toString().contains("secret"), "the exception's message stays in the handler's log: " + r);
    }

    @Test
    void canceledOperationInBothForms() {
        Failure modern = assertInstanceOf(RespondNexusTaskCompletedRequest.class,
                process(start("giveUp", "x", true))).getResponse().getStartOperation().getFailure();
        assertEquals("given up on purpose", modern.getMessage());
        assertTrue(modern.hasCanceledFailureInfo(), modern.toString());
        StartOperationResponse legacy = assertInstanceOf(RespondNexusTaskCompletedRequest.class,
                process(start("giveUp", "x", false))).getResponse().getStartOperation();
        assertEquals("canceled", legacy.getOperationError().getOperationState());
        assertEquals("given up on purpose", legacy.getOperationError().getFailure().getMessage());
        assertEquals(modern, temporalFailureIn(legacy.getOperationError().getFailure()));
    }

    @Test
    void aDataConverterThrowingAnErrorIsAnInternalReply() {
        // a converter of the application's that breaks badly (an Error, not a DataConverterException)
        DefaultDataConverter broken = new DefaultDataConverter(DefaultDataConverter.STANDARD_PAYLOAD_CONVERTERS) {
            @Override
            public <T> Optional<Payload> toPayload(T value) {
                throw new AssertionError("secret converter state");
            }
        };
        NexusHandler handler = NexusHandler.builder().service(new GreetingImpl()).build()
                .withSerializer(DataConverterSerializer.of(broken));
        for (boolean modern : new boolean[] {true, false}) {
            RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                    new TaskProcessor(handler, client, "ns", "tq", "me").process(start("echo", "hi", modern),
                            null, new Cancellation()).orElseThrow());
            assertEquals("INTERNAL", modern ? r.getFailure().getNexusHandlerFailureInfo().getType()
                    : r.getError().getErrorType());
            assertFalse(r.toString().contains("secret"), "details stay in the log: " + r);
        }
    }

    @Test
    void undecodableInputIsANonRetryableBadRequest() {
        PollNexusTaskQueueResponse task = start("welcome", "not a person", true);
        RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class, process(task));
        assertEquals("BAD_REQUEST", r.getFailure().getNexusHandlerFailureInfo().getType());
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE,
                r.getFailure().getNexusHandlerFailureInfo().getRetryBehavior());
    }

    @Test
    void temporalCallsStopWhenTheRequestIsCancelled() {
        // the client cannot reach a server and would retry for a long time; the request's cancellation (fired by
        // the worker at the deadline) stops the retries
        Cancellation cancellation = new Cancellation();
        java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> cancellation.cancel("the request deadline passed"), 300,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                    processor.process(start("hello-workflow", "x", true), null, cancellation).orElseThrow());
            assertTrue(r.getFailure().getMessage().contains("starting workflow hello-x: cancelled before Temporal answered"),
                    r.getFailure().getMessage());
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void anUnreadableRequestTimeoutIsANonRetryableBadRequest() {
        PollNexusTaskQueueResponse good = start("echo", "hi", true);
        PollNexusTaskQueueResponse task = good.toBuilder().setRequest(good.getRequest().toBuilder()
                .putHeader("request-timeout", "soon")).build();
        RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class, process(task));
        assertEquals("BAD_REQUEST", r.getFailure().getNexusHandlerFailureInfo().getType());
        // the same words as over HTTP: one grammar, one message
        assertEquals(NexusDurations.parseHeaderMessage("request-timeout", "soon"), r.getFailure().getMessage());
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE,
                r.getFailure().getNexusHandlerFailureInfo().getRetryBehavior());
    }

    @Test
    void anUnreadableOperationTimeoutIsABadRequestNotSilentlyDropped() {
        PollNexusTaskQueueResponse good = start("echo", "hi", true);
        PollNexusTaskQueueResponse task = good.toBuilder().setRequest(good.getRequest().toBuilder()
                .putHeader("operation-timeout", "ten minutes")).build();
        RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class, process(task));
        assertEquals("BAD_REQUEST", r.getFailure().getNexusHandlerFailureInfo().getType());
        assertEquals(NexusDurations.parseHeaderMessage("operation-timeout", "ten minutes"),
                r.getFailure().getMessage());
    }

    @Test
    void theDeadlineComesFromTheRequestTimeoutHeaderInAnyCase() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(now.plusMillis(9500), TaskProcessor.deadline(
                Request.newBuilder().putHeader("request-timeout", "9.5s").build(), now));
        assertEquals(now.plusSeconds(3), TaskProcessor.deadline(
                Request.newBuilder().putHeader("Request-Timeout", "3s").build(), now));
        assertEquals(null, TaskProcessor.deadline(Request.newBuilder().putHeader("request-timeout", "soon").build(),
                now), "an unreadable timeout is no deadline");
    }

    @Test
    void requestTimeoutsInTheFormTheGoServerSendsAreRead() {
        // Temporal's Go server (matching engine, up to its 2026 sources at least) writes the remaining time with
        // Go's Duration.String(): compound above a minute, microseconds near the end, negative once expired. The
        // SDK's one grammar is Go's, which contains the Nexus protocol's (number + ms|s|m).
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(now.plusMillis(60_500), TaskProcessor.deadline(
                Request.newBuilder().putHeader("request-timeout", "1m0.5s").build(), now));
        assertEquals(now.plusNanos(9_998_765_432L), TaskProcessor.deadline(
                Request.newBuilder().putHeader("request-timeout", "9.998765432s").build(), now));
        assertEquals(now.plusNanos(850_000), TaskProcessor.deadline(
                Request.newBuilder().putHeader("request-timeout", "850µs").build(), now));
        assertEquals(now.minusMillis(20), TaskProcessor.deadline(
                Request.newBuilder().putHeader("request-timeout", "-20ms").build(), now), "expired already");
    }

    @Test
    void aTaskPastItsDeadlineGetsNoReplyAndItsHandlerDoesNotRun() {
        Optional<Message> reply = processor.process(start("bad", "late", true), Instant.now().minusSeconds(1),
                new Cancellation());
        assertTrue(reply.isEmpty(), "the server has stopped waiting: nothing is sent");
        assertEquals(0, impl.attempts("bad", "late"), "the handler was not run");
    }

    @Test
    void aHandlerOverrunningItsDeadlineIsCancelledByTheEngineAndGetsNoReply() {
        Cancellation cancellation = new Cancellation();
        long t0 = System.nanoTime();
        Optional<Message> reply = processor.process(start("slow", "overrun", true), Instant.now().plusMillis(300),
                cancellation);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(reply.isEmpty(), "the deadline passed first: nothing is sent, even though the handler answered");
        assertEquals(DeadlineExceeded.REASON, cancellation.reason());
        assertEquals(List.of(DeadlineExceeded.REASON), impl.cancellations);
        assertTrue(millis < 5_000, "the handler was cancelled at the deadline, not after its own wait: " + millis);
    }

    @Test
    void anErrorThrownAroundTheEngineIsAnInternalReply() {
        // the engine answers whatever user code throws; this stands for a failure outside it (a broken dependency)
        NexusEndpoint broken = new NexusEndpoint() {
            @Override
            public StartOutcome start(StartRequest request) {
                throw new NoClassDefFoundError("secret/BrokenDependency");
            }

            @Override
            public FetchInfoOutcome fetchInfo(TokenRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public FetchResultOutcome fetchResult(TokenRequest request, java.time.Duration wait) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CancelOutcome cancel(TokenRequest request) {
                throw new UnsupportedOperationException();
            }
        };
        RespondNexusTaskFailedRequest r = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                new TaskProcessor(broken, client, "ns", "tq", "me").process(start("echo", "hi", true), null,
                        new Cancellation()).orElseThrow());
        assertEquals("INTERNAL", r.getFailure().getNexusHandlerFailureInfo().getType());
        assertFalse(r.toString().contains("secret"), "details stay in the log: " + r);
    }
}
