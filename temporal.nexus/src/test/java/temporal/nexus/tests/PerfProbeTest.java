package temporal.nexus.tests;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.nexus.v1.Request;
import io.temporal.api.nexus.v1.StartOperationRequest;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.nexus.NexusTaskHandlerImpl;
import io.temporal.internal.worker.NexusTask;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import org.junit.jupiter.api.Test;
import temporal.nexus.DataConverterSerializer;
import temporal.nexus.internal.TaskProcessor;

/**
 * Opt-in probe (-Dperf.probe=true): handler-side time per task, ours (TaskProcessor + engine) against Temporal's
 * own Nexus task handler, same payloads and data converter, no network. Not a benchmark (see benchmarks/); a
 * quick check while changing the hot path. Uses Temporal internals of 1.38.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "perf.probe", matches = "true")
class PerfProbeTest {
    @io.nexusrpc.Service(name = "probe")
    public interface Probe {
        @io.nexusrpc.Operation
        Greeting.Welcome welcome(Greeting.Person p);
    }

    @ServiceImpl(Probe.class)
    public static final class Ours {
        @SyncOperation
        public Greeting.Welcome welcome(Greeting.Person p) {
            return new Greeting.Welcome("welcome " + p.name(), p.age() + 1);
        }
    }

    @io.nexusrpc.handler.ServiceImpl(service = Probe.class)
    public static final class Theirs {
        @io.nexusrpc.handler.OperationImpl
        public io.nexusrpc.handler.OperationHandler<Greeting.Person, Greeting.Welcome> welcome() {
            return io.nexusrpc.handler.OperationHandler.sync((ctx, details, p) ->
                    new Greeting.Welcome("welcome " + p.name(), p.age() + 1));
        }
    }

    @Test
    void compare() throws Exception {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:1").build());
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(new Greeting.Person("ann", 3)).get();
        PollNexusTaskQueueResponse task = PollNexusTaskQueueResponse.newBuilder()
                .setTaskToken(ByteString.copyFromUtf8("t"))
                .setRequest(Request.newBuilder().putHeader("request-timeout", "9s")
                        .setCapabilities(Request.Capabilities.newBuilder().setTemporalFailureResponses(true))
                        .setStartOperation(StartOperationRequest.newBuilder().setService("probe")
                                .setOperation("welcome").setRequestId("r").setPayload(payload)))
                .build();
        NexusHandler handler = NexusHandler.builder().service(new Ours()).build()
                .withSerializer(DataConverterSerializer.of(DefaultDataConverter.STANDARD_INSTANCE));
        TaskProcessor ours = new TaskProcessor(handler, client, "ns", "tq", "me");
        NexusTaskHandlerImpl theirs = new NexusTaskHandlerImpl(client, "ns", "tq",
                DefaultDataConverter.STANDARD_INSTANCE, new io.temporal.common.interceptors.WorkerInterceptor[0]);
        theirs.registerNexusServiceImplementations(new Object[] {new Theirs()});
        theirs.start();
        com.uber.m3.tally.Scope scope = new com.uber.m3.tally.NoopScope();
        double bestOurs = 1e9, bestTheirs = 1e9;
        for (int round = 0; round < 12; round++) {
            int n = 200_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ours.process(task, TaskProcessor.deadline(task.getRequest(), Instant.now()), new Cancellation());
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                theirs.handle(new NexusTask(task, null, () -> {}), scope);
            }
            long t2 = System.nanoTime();
            bestOurs = Math.min(bestOurs, (t1 - t0) / (double) n);
            bestTheirs = Math.min(bestTheirs, (t2 - t1) / (double) n);
        }
        System.out.printf("PERF best ours %.0f ns/task, theirs %.0f ns/task, ratio %.2f%n", bestOurs, bestTheirs,
                bestOurs / bestTheirs);
        stubs.shutdownNow();
    }
}
