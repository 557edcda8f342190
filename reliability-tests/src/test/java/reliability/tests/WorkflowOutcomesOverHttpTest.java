package reliability.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.Failure;
import nexusrpc.api.FailureException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import temporal.nexus.WorkflowClientMiddleware;

/**
 * Workflow-run operations followed over HTTP through a stateless front door (as {@link FrontDoor} serves them, here
 * in this JVM) answer each way a workflow can end with the right state, and a failed workflow's failure reaches the
 * HTTP caller whole: its message, and as the cause the Temporal failure (ApplicationFailure type and details) in the
 * form Temporal carries it in a Nexus failure, as a Temporal caller gets it through the completion.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WorkflowOutcomesOverHttpTest {
    private static final String TASK_QUEUE = "outcomes";
    private static TestWorkflowEnvironment temporal;
    private static NexusHttpServer frontDoor;
    private static ServiceClient<Scale> scale;

    @BeforeAll
    static void start() {
        // real time: the expiring workflow's one-second timeout passes as it would in production
        temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false)
                .build());
        Worker worker = temporal.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(ScaleWorkflows.HoldImpl.class, ScaleWorkflows.FailImpl.class);
        temporal.start();
        NexusHandler handler = NexusHandler.builder().service(new ScaleImpl())
                .middleware(WorkflowClientMiddleware.of(temporal.getWorkflowClient(), TASK_QUEUE)).build();
        frontDoor = NexusHttpServer.builder(handler).closeEndpointOnStop(true).build().start();
        scale = NexusHttpClient.create(frontDoor.baseUri()).client(Scale.class);
    }

    @AfterAll
    static void stop() {
        if (frontDoor != null) {
            frontDoor.close();
        }
        if (temporal != null) {
            temporal.close();
        }
    }

    private static String id() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFailedWorkflowAnswersFailedWithItsMessageTypeAndDetails() throws Exception {
        String order = id();
        OperationHandle<String> handle = scale.start(Scale::fail, order).handle();

        OperationException e = assertThrows(OperationException.class, () -> handle.result(Duration.ofSeconds(30)));
        assertEquals(OperationState.FAILED, e.state());
        assertTrue(e.getMessage().contains("order " + order + " is invalid"), e.getMessage());
        Failure cause = assertInstanceOf(FailureException.class, e.getCause(), "the workflow's failure").failure();
        assertEquals("order " + order + " is invalid", cause.message());
        assertEquals("temporal.api.failure.v1.Failure", cause.metadata().get("type"));
        io.temporal.api.failure.v1.Failure.Builder temporalFailure = io.temporal.api.failure.v1.Failure.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(cause.detailsJson(), temporalFailure);
        ApplicationFailureInfo info = temporalFailure.getApplicationFailureInfo();
        assertEquals(ScaleWorkflows.INVALID_ORDER, info.getType());
        assertTrue(info.getNonRetryable());
        var converter = DefaultDataConverter.newDefaultInstance();
        assertEquals(order, converter.fromPayloads(0, Optional.of(info.getDetails()), String.class, String.class));
        assertEquals(42, converter.fromPayloads(1, Optional.of(info.getDetails()), Integer.class, Integer.class));
        assertEquals(OperationState.FAILED, handle.info().state());
    }

    @Test
    void canceledTerminatedAndTimedOutWorkflowsAnswerTheirStates() throws Exception {
        OperationHandle<String> canceled = scale.start(Scale::hold, id()).handle();
        String terminatedId = id();
        OperationHandle<String> terminated = scale.start(Scale::hold, terminatedId).handle();
        OperationHandle<String> expired = scale.start(Scale::expire, id()).handle();

        canceled.cancel();
        WorkflowClient client = temporal.getWorkflowClient();
        client.newUntypedWorkflowStub("hold-" + terminatedId).terminate("stopped by an operator");

        OperationException c = assertThrows(OperationException.class, () -> canceled.result(Duration.ofSeconds(30)));
        assertEquals(OperationState.CANCELED, c.state());
        assertEquals(OperationState.CANCELED, canceled.info().state());

        OperationException t = assertThrows(OperationException.class, () -> terminated.result(Duration.ofSeconds(30)));
        assertEquals(OperationState.FAILED, t.state());
        assertTrue(t.getMessage().contains("terminated") && t.getMessage().contains("stopped by an operator"),
                t.getMessage());
        assertEquals(OperationState.FAILED, terminated.info().state());

        OperationException x = assertThrows(OperationException.class, () -> expired.result(Duration.ofSeconds(30)));
        assertEquals(OperationState.FAILED, x.state());
        assertTrue(x.getMessage().contains("timed out"), x.getMessage());
        assertEquals(OperationState.FAILED, expired.info().state());
    }
}
