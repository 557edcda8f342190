package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.NexusHandlerErrorRetryBehavior;
import io.temporal.api.nexus.v1.CancelOperationRequest;
import io.temporal.api.nexus.v1.Request;
import io.temporal.api.nexus.v1.StartOperationRequest;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondNexusTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondNexusTaskFailedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.security.AccessRules;
import nexusrpc.handler.security.Authentication;
import nexusrpc.handler.security.BearerTokenAuthenticator;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.security.OperationVerb;
import nexusrpc.handler.transport.TransportPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import temporal.nexus.DataConverterSerializer;
import temporal.nexus.TemporalNexusWorker;
import temporal.nexus.internal.TaskProcessor;

/**
 * Caller authentication and authorization on the Temporal transport, at the task level: what Temporal says about a
 * task reaches the authenticator as {@link TransportPeer} attributes, headers Temporal forwards as headers, and the
 * refusals become Temporal's UNAUTHENTICATED / UNAUTHORIZED handler errors in both failure forms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalSecurityTest {
    private static final String TOKEN = "temporal-caller-token-99";
    private final List<TransportPeer> peers = new CopyOnWriteArrayList<>();
    private WorkflowServiceStubs stubs;
    private TaskProcessor processor;

    @BeforeAll
    void setUp() {
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:1").build());
        BearerTokenAuthenticator tokens = BearerTokenAuthenticator.create(Map.of(TOKEN, "orders"));
        // a caller from this worker's namespace without a token is the namespace itself
        CallerAuthenticator namespace = request -> {
            peers.add(request.peer());
            return Authentication.authenticated(CallerPrincipal.of(
                    "ns:" + request.peer().attributes().get(TemporalNexusWorker.PEER_NAMESPACE), "temporal"));
        };
        NexusHandler handler = NexusHandler.builder().service(new GreetingImpl())
                .authenticator(r -> {
                    Authentication byToken = tokens.authenticate(r);
                    return byToken.recognized() ? byToken : namespace.authenticate(r);
                })
                .authorizer(AccessRules.builder()
                        .allow("orders", "greeting", "echo", OperationVerb.START)
                        .allow("ns:ns", "greeting", "echo", OperationVerb.START, OperationVerb.CANCEL)
                        .build())
                .build()
                .withSerializer(DataConverterSerializer.of(DefaultDataConverter.STANDARD_INSTANCE));
        processor = new TaskProcessor(handler, WorkflowClient.newInstance(stubs), "ns", "tq", "me");
    }

    @AfterAll
    void tearDown() {
        stubs.shutdownNow();
    }

    private static PollNexusTaskQueueResponse start(String operation, Map<String, String> headers, boolean modern) {
        Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow();
        return PollNexusTaskQueueResponse.newBuilder().setTaskToken(ByteString.copyFromUtf8("task-1"))
                .setRequest(Request.newBuilder().putAllHeader(headers).setEndpoint("orders-endpoint")
                        .setCapabilities(Request.Capabilities.newBuilder().setTemporalFailureResponses(modern))
                        .setStartOperation(StartOperationRequest.newBuilder().setService("greeting")
                                .setOperation(operation).setRequestId("r-1").setPayload(payload)))
                .build();
    }

    private static PollNexusTaskQueueResponse cancel(Map<String, String> headers) {
        return PollNexusTaskQueueResponse.newBuilder().setTaskToken(ByteString.copyFromUtf8("task-2"))
                .setRequest(Request.newBuilder().putAllHeader(headers)
                        .setCancelOperation(CancelOperationRequest.newBuilder().setService("greeting")
                                .setOperation("echo").setOperationToken("t-1")))
                .build();
    }

    private Object process(PollNexusTaskQueueResponse task) {
        return processor.process(task, Instant.now().plusSeconds(10), new Cancellation()).orElseThrow();
    }

    @Test
    void whatTemporalSaysAboutTheTaskReachesTheAuthenticator() {
        peers.clear();
        assertInstanceOf(RespondNexusTaskCompletedRequest.class, process(start("echo", Map.of(), true)));
        assertEquals(Map.of(TemporalNexusWorker.PEER_NAMESPACE, "ns", TemporalNexusWorker.PEER_TASK_QUEUE, "tq",
                TemporalNexusWorker.PEER_ENDPOINT, "orders-endpoint"), peers.get(0).attributes());
    }

    @Test
    void aWrongTokenIsUnauthenticatedInBothForms() {
        Map<String, String> wrong = Map.of("authorization", "Bearer not-the-token");
        RespondNexusTaskFailedRequest modern = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(start("echo", wrong, true)));
        assertEquals("UNAUTHENTICATED", modern.getFailure().getNexusHandlerFailureInfo().getType());
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE,
                modern.getFailure().getNexusHandlerFailureInfo().getRetryBehavior());
        assertEquals("the caller is not authenticated", modern.getFailure().getMessage());
        @SuppressWarnings("deprecation")
        String legacy = assertInstanceOf(RespondNexusTaskFailedRequest.class, process(start("echo", wrong, false)))
                .getError().getErrorType();
        assertEquals("UNAUTHENTICATED", legacy);
    }

    @Test
    void authorizationIsPerOperationAndPerVerb() {
        Map<String, String> token = Map.of("Authorization", "Bearer " + TOKEN);
        assertInstanceOf(RespondNexusTaskCompletedRequest.class, process(start("echo", token, true)));
        RespondNexusTaskFailedRequest otherOperation = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(start("fail", token, true)));
        assertEquals("UNAUTHORIZED", otherOperation.getFailure().getNexusHandlerFailureInfo().getType());
        assertEquals("the caller is not allowed to make this request", otherOperation.getFailure().getMessage());
        RespondNexusTaskFailedRequest cancel = assertInstanceOf(RespondNexusTaskFailedRequest.class,
                process(cancel(token)));
        @SuppressWarnings("deprecation")
        String type = cancel.getError().getErrorType();
        assertEquals("UNAUTHORIZED", type);
        // the namespace itself may cancel: the refusal above was the verb's, not the operation's (a sync operation
        // cannot be cancelled, which the handler itself answers)
        @SuppressWarnings("deprecation")
        String byNamespace = assertInstanceOf(RespondNexusTaskFailedRequest.class, process(cancel(Map.of())))
                .getError().getErrorType();
        assertNotEquals("UNAUTHORIZED", byNamespace);
    }
}
