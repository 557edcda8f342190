package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.api.enums.v1.NexusHandlerErrorRetryBehavior;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondNexusTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondNexusTaskFailedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.TransportObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import temporal.nexus.TemporalNexusWorker;
import temporal.nexus.WorkflowClientMiddleware;
import temporal.nexus.tests.Callers.Call;
import temporal.nexus.tests.Workflows.CounterWorkflow;

/** Our worker serving Temporal's own caller workflows through the in-process test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalNexusWorkerTest {
    private TemporalFixture fx;
    private final GreetingImpl impl = new GreetingImpl();
    private final CrashAfterFirstStart crash = new CrashAfterFirstStart("dedupe");
    private String ep;

    @BeforeAll
    void start() {
        fx = new TemporalFixture("main");
        ep = fx.endpoint;
        NexusHandler handler = NexusHandler.builder().service(impl).service(new OfficialGreetingImpl())
                .middleware(crash).build();
        fx.serve(handler, fx.taskQueue);
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void syncOperationAnswersTheCaller() {
        assertEquals("ok:echo hi", fx.call(Call.of(ep, "echo", "hi")));
    }

    @Test
    void authorizationIsPerOperationThroughTemporal() {
        String secured = "secured-endpoint";
        String queue = secured + "-tq";
        fx.env.createNexusEndpoint(secured, queue);
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        fx.serve(NexusHandler.builder().service(new GreetingImpl())
                .authenticator(r -> {
                    seen.add(r.peer().attributes());
                    return nexusrpc.handler.security.Authentication.authenticated(nexusrpc.api.handler.CallerPrincipal
                            .of(r.peer().attributes().get(temporal.nexus.TemporalNexusWorker.PEER_NAMESPACE),
                                    "temporal"));
                })
                .authorizer((caller, service, operation, verb) -> operation.equals("echo")
                        && caller.name().equals(fx.client.getOptions().getNamespace()))
                .build(), queue);
        assertEquals("ok:echo hi", fx.call(Call.of(secured, "echo", "hi")));
        assertEquals(queue, seen.get(0).get(temporal.nexus.TemporalNexusWorker.PEER_TASK_QUEUE));
        String refused = fx.call(Call.of(secured, "fail", "x"));
        assertTrue(refused.startsWith("failure:")
                && refused.contains("HandlerException(the caller is not allowed to make this request)"), refused);
    }

    @Test
    void recordsTravelThroughTheDataConverterBothWays() {
        Greeting.Welcome w = fx.caller(Callers.WelcomeCaller.class).call(ep, new Greeting.Person("ann", 30));
        assertEquals(new Greeting.Welcome("welcome ann", 31), w);
    }

    @Test
    void handlersGetTheWorkflowClient() {
        assertEquals("ok:namespace " + fx.env.getNamespace(), fx.call(Call.of(ep, "whoami", "x")));
    }

    @Test
    void workflowBackedOperationCompletesThroughTheCallback() {
        String name = unique("bob");
        assertEquals("ok:hello " + name, fx.call(Call.of(ep, "hello-workflow", name)));
        io.temporal.api.history.v1.HistoryEvent first = fx.client.fetchHistory("hello-" + name).getEvents().get(0);
        WorkflowExecutionStartedEventAttributes started = first.getWorkflowExecutionStartedEventAttributes();
        assertEquals(1, started.getCompletionCallbacksCount(), "the caller's callback is attached to the workflow");
        assertTrue(started.getCompletionCallbacks(0).getNexus().getHeaderMap().containsKey("nexus-operation-token"));
        // the caller's link travels on the callback, as Temporal's own handlers attach it (the server then keeps it
        // there rather than twice)
        assertTrue(started.getCompletionCallbacks(0).getLinksList().stream()
                .anyMatch(l -> l.getWorkflowEvent().getWorkflowId().startsWith("caller-")),
                "the caller's link is attached: " + started.getCompletionCallbacks(0) + first.getLinksList());
        assertEquals(fx.taskQueue, started.getTaskQueue().getName(), "the task queue defaults to the worker's");
    }

    @Test
    void operationFailureReachesTheCallerWithItsCause() {
        String out = fx.call(Call.of(ep, "fail", "x"));
        assertTrue(out.startsWith("failure:NexusOperationFailure"), out);
        assertTrue(out.contains("(it failed on purpose)"), out);
        assertTrue(out.contains("(the root cause)"), out);
    }

    @Test
    void badRequestIsNotRetried() {
        String input = unique("b");
        String out = fx.call(Call.of(ep, "bad", input));
        assertTrue(out.startsWith("failure:NexusOperationFailure"), out);
        assertTrue(out.contains("bad input: " + input), out);
        assertEquals(1, impl.attempts("bad", input), "a BAD_REQUEST must not be retried");
        RespondNexusTaskFailedRequest reply = fx.replies.sent.stream()
                .filter(m -> m instanceof RespondNexusTaskFailedRequest).map(m -> (RespondNexusTaskFailedRequest) m)
                .filter(r -> r.getFailure().getMessage().contains(input)).findFirst().orElseThrow();
        assertEquals("BAD_REQUEST", reply.getFailure().getNexusHandlerFailureInfo().getType(),
                "the server asked for temporal_failure_responses: the modern form is used");
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE,
                reply.getFailure().getNexusHandlerFailureInfo().getRetryBehavior());
    }

    @Test
    void internalErrorIsRetriedThenSucceeds() {
        String input = unique("f");
        assertEquals("ok:recovered " + input, fx.call(Call.of(ep, "flaky", input)));
        assertEquals(2, impl.attempts("flaky", input));
    }

    @Test
    void cancelCancelsTheBackingWorkflow() throws InterruptedException {
        String id = unique("c");
        String out = fx.call(new Call(ep, "block", id, 60, true));
        assertTrue(out.startsWith("failure:") && out.contains("CanceledFailure"), out);
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, finalStatus("block-" + id));
    }

    @Test
    void retriedStartWithTheSameRequestIdYieldsTheSameRun() {
        String input = unique("d");
        assertEquals("ok:hello " + input, fx.call(Call.of(ep, "dedupe", input)));
        assertEquals(2, impl.attempts("dedupe", input), "the first start's reply was lost, so it was retried");
        List<List<String>> runs = List.copyOf(crash.runsByRequestId.values()).stream()
                .filter(r -> r.get(0).contains("dedupe-" + input)).toList();
        assertEquals(1, runs.size(), "both attempts carried one request id");
        assertEquals(2, runs.get(0).size());
        assertEquals(runs.get(0).get(0), runs.get(0).get(1), "the retried start returned the same run");
    }

    @Test
    void callersOfARunningWorkflowAttachToItAndAllGetItsResult() throws Exception {
        String input = unique("a");
        List<java.util.concurrent.CompletableFuture<String>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callers.CallerWorkflow caller = fx.caller(Callers.CallerWorkflow.class);
            calls.add(WorkflowClient.execute(caller::call, new Call(ep, "shared", input, 30, false)));
        }
        for (java.util.concurrent.CompletableFuture<String> call : calls) {
            assertEquals("ok:hello " + input, call.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(1, fx.client.fetchHistory("shared-" + input).getEvents().stream()
                .filter(e -> e.hasWorkflowExecutionStartedEventAttributes()).count(), "one workflow served both");
    }

    @Test
    void updateBackedOperationCompletesSynchronously() {
        String id = unique("u");
        CounterWorkflow counter = fx.client.newWorkflowStub(CounterWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(fx.taskQueue).setWorkflowId("counter-" + id).build());
        WorkflowClient.start(counter::run);
        assertEquals("ok:bumped " + id + " to 1", fx.call(Call.of(ep, "bump", id)));
        counter.stop();
    }

    @Test
    void updateWithStartStartsTheWorkflowFirst() {
        String id = unique("uws");
        assertEquals("ok:bumped " + id + " to 1", fx.call(Call.of(ep, "bumpOrStart", id)));
        assertEquals("ok:bumped " + id + " to 2", fx.call(Call.of(ep, "bumpOrStart", id)), "the second call updates the"
                + " running workflow");
        fx.client.newWorkflowStub(CounterWorkflow.class, "counter-" + id).stop();
    }

    @Test
    void updateOfAMissingWorkflowIsNotFound() {
        String out = fx.call(Call.of(ep, "bump", unique("nobody")));
        assertTrue(out.startsWith("failure:NexusOperationFailure") && out.contains("NOT_FOUND"), out);
    }

    @Test
    void signalWithStartCompletesWhenTheWorkflowCompletes() {
        String item = unique("apple");
        assertEquals("ok:alice got " + item, fx.call(Call.of(ep, "enqueue", item)));
    }

    @Test
    void typedStubOverAnOfficialAnnotationContract() {
        assertEquals("ZOE! / welcome zoe (by workflow) / 42", fx.caller(Callers.TypedCaller.class).call(ep, "zoe"));
    }

    @Test
    void handlerPastItsDeadlineIsCancelledAndSendsNoReply() throws InterruptedException {
        GreetingImpl slowImpl = new GreetingImpl();
        String endpoint = "deadline-endpoint";
        fx.env.createNexusEndpoint(endpoint, endpoint + "-tq");
        List<ObservedCall> dropped = new CopyOnWriteArrayList<>();
        TemporalNexusWorker worker = fx.serve(fx.builder(endpoint + "-tq")
                .handler(NexusHandler.builder().service(slowImpl).build())
                .observer(new TransportObserver() {
                    @Override
                    public void lateReplyDropped(ObservedCall call) {
                        dropped.add(call);
                    }
                }));
        String input = unique("s");
        String out = fx.call(new Call(endpoint, "slow", input, 60, false));
        worker.close(); // drains: every attempt has finished and decided whether to reply
        // what the server sends is parsed by TaskProcessor.deadline; kept in the test output for reference
        System.out.println("request-timeout headers sent by the test server: " + slowImpl.requestTimeouts);
        assertEquals("ok:on time " + input, out, "the retry after the deadline answered; timeouts "
                + slowImpl.requestTimeouts);
        assertEquals(List.of("the request deadline passed"), slowImpl.cancellations);
        assertFalse(fx.replies.anyReplyContains("late " + input), "no reply was sent after the deadline");
        assertEquals(1, dropped.size(), "the observer was told of the dropped reply: " + dropped);
        assertEquals("greeting", dropped.get(0).service());
        assertEquals("slow", dropped.get(0).operation());
        assertEquals(ObservedCall.Kind.START, dropped.get(0).kind());
        assertTrue(fx.replies.anyReplyContains("on time " + input), "the recorder sees replies");
    }

    @Test
    void shutdownStopsPollingButLetsRunningTasksReply() throws Exception {
        GreetingImpl pausing = new GreetingImpl();
        String endpoint = "drain-endpoint";
        TemporalNexusWorker worker = fx.serveOnOwnEndpoint(endpoint, pausing);
        String input = unique("p");
        Callers.CallerWorkflow caller = fx.caller(Callers.CallerWorkflow.class);
        java.util.concurrent.CompletableFuture<String> out = WorkflowClient.execute(caller::call,
                Call.of(endpoint, "pause", input));
        assertTrue(pausing.paused.await(30, java.util.concurrent.TimeUnit.SECONDS), "the task is running");
        worker.shutdown();
        assertFalse(worker.isRunning());
        assertFalse(worker.awaitTermination(Duration.ofMillis(200)), "a task is still in flight");
        pausing.resume.countDown();
        assertTrue(worker.awaitTermination(Duration.ofSeconds(10)), "the worker drains and stops");
        assertTrue(worker.isTerminated());
        assertEquals("ok:resumed " + input, out.get(30, java.util.concurrent.TimeUnit.SECONDS),
                "the in-flight task replied after shutdown began");
    }

    @Test
    void noMoreThanMaxConcurrentTasksRunAtOnce() throws Exception {
        GreetingImpl gated = new GreetingImpl();
        String endpoint = "gate-endpoint";
        fx.env.createNexusEndpoint(endpoint, "gate-tq");
        fx.serve(fx.builder("gate-tq").handler(NexusHandler.builder().service(gated).build())
                .pollers(1).maxConcurrentTasks(2));
        List<java.util.concurrent.CompletableFuture<String>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Callers.CallerWorkflow caller = fx.caller(Callers.CallerWorkflow.class);
            calls.add(WorkflowClient.execute(caller::call, Call.of(endpoint, "gate", "g" + i)));
        }
        assertTrue(gated.gateEntered.await(30, java.util.concurrent.TimeUnit.SECONDS), "two tasks run");
        Thread.sleep(500); // room for a third task to (wrongly) start
        gated.gateOpen.countDown();
        for (int i = 0; i < 3; i++) {
            assertEquals("ok:passed g" + i, calls.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(2, gated.gateMostAtOnce.get(), "the third task waited for a free slot");
    }

    @Test
    void nonTemporalCallersFollowOperationsByTokenThroughTheMiddleware() throws Exception {
        NexusHandler http = NexusHandler.builder().service(new GreetingImpl())
                .middleware(WorkflowClientMiddleware.of(fx.client, fx.taskQueue)).build();
        ServiceClient<Greeting> svc = NexusClient.create(http).client(Greeting.class);

        String name = unique("h");
        OperationHandle<String> hello = svc.start(Greeting::hello, name).handle();
        assertEquals("hello " + name, hello.result(Duration.ofSeconds(20)));
        assertEquals(OperationState.SUCCEEDED, hello.info().state());

        OperationHandle<String> block = svc.start(Greeting::block, unique("hb")).handle();
        assertEquals(OperationState.RUNNING, block.info().state());
        block.cancel();
        OperationException canceled = assertThrows(OperationException.class,
                () -> block.result(Duration.ofSeconds(20)));
        assertEquals(OperationState.CANCELED, canceled.state());
        assertEquals(OperationState.CANCELED, block.info().state());

        String id = unique("hu");
        CounterWorkflow counter = fx.client.newWorkflowStub(CounterWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(fx.taskQueue).setWorkflowId("counter-" + id).build());
        WorkflowClient.start(counter::run);
        // the update takes 2 s, longer than this request may wait: the start answers with an update token
        StartedOperation<String> started = svc.start(Greeting::bumpSlowly, id,
                CallOptions.builder().timeout(Duration.ofMillis(1500)).build());
        OperationHandle<String> update = started.handle();
        assertEquals(OperationState.RUNNING, update.info().state());
        assertEquals("slowly bumped " + id + " to 1", update.result(Duration.ofSeconds(20)));
        assertEquals(OperationState.SUCCEEDED, update.info().state());
        counter.stop();

        HandlerException bad = assertThrows(HandlerException.class,
                () -> svc.handle(Greeting::hello, "not-a-token").info());
        assertEquals(HandlerException.ErrorType.BAD_REQUEST, bad.type());
    }

    @Test
    void aZeroWaitFetchesTheResultOfACompletedOperationOverASlowNetwork() throws Exception {
        // every call to Temporal takes 30 ms, as over a real network: a "don't wait" fetch must still get through
        WorkflowServiceStubs slowStubs = fx.stubsWith(new Latency(30));
        try {
            WorkflowClient slowClient = WorkflowClient.newInstance(slowStubs, fx.client.getOptions());
            NexusHandler http = NexusHandler.builder().service(new GreetingImpl())
                    .middleware(WorkflowClientMiddleware.of(slowClient, fx.taskQueue)).build();
            ServiceClient<Greeting> svc = NexusClient.create(http).client(Greeting.class);

            String name = unique("z");
            OperationHandle<String> hello = svc.start(Greeting::hello, name).handle();
            assertEquals("hello " + name, hello.result(Duration.ofSeconds(20)));
            assertEquals("hello " + name, hello.result(Duration.ZERO), "the workflow has completed");

            String id = unique("zu");
            CounterWorkflow counter = fx.client.newWorkflowStub(CounterWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(fx.taskQueue).setWorkflowId("counter-" + id).build());
            WorkflowClient.start(counter::run);
            OperationHandle<String> update = svc.start(Greeting::bumpSlowly, id,
                    CallOptions.builder().timeout(Duration.ofMillis(1500)).build()).handle();
            assertEquals("slowly bumped " + id + " to 1", update.result(Duration.ofSeconds(20)));
            assertEquals("slowly bumped " + id + " to 1", update.result(Duration.ZERO), "the update has completed");
            counter.stop();
        } finally {
            slowStubs.shutdownNow();
        }
    }

    @Test
    void failedPollsAreRetriedAndTheWorkerKeepsServing() {
        // the server refuses the first polls (e.g. it restarts): the worker backs off and polls again
        FailFirstPolls failing = new FailFirstPolls(3);
        String endpoint = "failing-poll-endpoint";
        TemporalNexusWorker worker = fx.serve(fx.builderThrough(failing, endpoint).pollers(1));
        assertEquals("ok:echo hi", fx.call(new Call(endpoint, "echo", "hi", 30, false)));
        assertEquals(0, failing.left.get(), "every refused poll was followed by another");
        assertTrue(worker.isRunning());
        worker.close();
    }

    @Test
    void aHandlerThrowingAnErrorGetsAnInternalReplyAndTheWorkerServesOn() {
        // one thread only: if the StackOverflowError killed it, nothing would serve the retry or the next call
        GreetingImpl overflowing = new GreetingImpl();
        fx.env.createNexusEndpoint("overflow-endpoint", "overflow-tq");
        fx.serve(fx.builder("overflow-tq").handler(NexusHandler.builder().service(overflowing).build())
                .pollers(1).maxConcurrentTasks(1));
        String input = unique("o");
        int before = fx.replies.sent.size();
        long t0 = System.nanoTime();
        assertEquals("ok:survived " + input, fx.call(new Call("overflow-endpoint", "overflow", input, 30, false)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(2, overflowing.attempts("overflow", input), "the first attempt overflowed, the retry answered");
        List<RespondNexusTaskFailedRequest> internal = fx.replies.sent.subList(before, fx.replies.sent.size())
                .stream().filter(m -> m instanceof RespondNexusTaskFailedRequest)
                .map(m -> (RespondNexusTaskFailedRequest) m)
                .filter(r -> r.getFailure().getNexusHandlerFailureInfo().getType().equals("INTERNAL")).toList();
        assertEquals(1, internal.size(), "the overflowing attempt was answered INTERNAL: " + internal);
        assertEquals(NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE,
                internal.get(0).getFailure().getNexusHandlerFailureInfo().getRetryBehavior());
        assertFalse(internal.get(0).toString().contains("StackOverflowError"), "no details reach the caller");
        // the server retried on the INTERNAL reply, not after the request timeout (about 10 s) of a silent task
        assertTrue(millis < 6_000, "answered promptly: " + millis + " ms");
        assertEquals("ok:echo next", fx.call(new Call("overflow-endpoint", "echo", "next", 30, false)));
    }

    @Test
    void anErrorWhileReplyingDoesNotKillTheOnlyWorkerThread() throws InterruptedException {
        ErrorOnFirstReply failing = new ErrorOnFirstReply();
        String endpoint = "error-reply-endpoint";
        TemporalNexusWorker worker = fx.serve(fx.builderThrough(failing, endpoint).pollers(1).maxConcurrentTasks(1));
        // the first reply fails with an Error; its caller is answered after the server's retry, later
        WorkflowClient.execute(fx.caller(Callers.CallerWorkflow.class)::call,
                new Call(endpoint, "echo", "first", 60, false));
        assertTrue(failing.thrown.await(30, java.util.concurrent.TimeUnit.SECONDS), "the first reply failed");
        assertEquals("ok:echo second", fx.call(new Call(endpoint, "echo", "second", 30, false)),
                "the worker's only thread survived the Error and served the next task");
        assertTrue(worker.isRunning());
        worker.close();
    }

    @Test
    void aFailedUpdateReachesTheCallerWithItsApplicationFailureTypeAndDetails() {
        String id = unique("r");
        CounterWorkflow counter = fx.client.newWorkflowStub(CounterWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(fx.taskQueue).setWorkflowId("counter-" + id).build());
        WorkflowClient.start(counter::run);
        String out = fx.call(Call.of(ep, "refuse", id));
        counter.stop();
        assertTrue(out.startsWith("failure:NexusOperationFailure"), out);
        assertTrue(out.contains("ApplicationFailure[OperationError](update of workflow counter-" + id
                + " failed: out of stock: " + id + ")"), out);
        // the update's own failure, as the workflow threw it: type and details kept
        assertTrue(out.contains(" <- ApplicationFailure[OutOfStock]{sku-" + id + "}(out of stock: " + id + ")"), out);
    }

    @Test
    void inTheLegacyFormTemporalCallersStillGetTheOperationErrorTypeAndTheCauseChain() {
        // a server that does not announce temporal_failure_responses (the test server does: the poll responses are
        // rewritten on their way to the worker), so the worker answers in the legacy Nexus form
        LegacyServer legacy = new LegacyServer();
        String endpoint = "legacy-endpoint";
        TemporalNexusWorker worker = fx.serve(fx.builderThrough(legacy, endpoint));
        try {
            String failed = fx.call(Call.of(endpoint, "fail", "x"));
            assertTrue(legacy.legacyRepliesSent.get() > 0, "the legacy form was used");
            assertTrue(failed.contains("ApplicationFailure[OperationError](it failed on purpose)"
                    + " <- ApplicationFailure[](the root cause)"), failed);

            String input = unique("lb");
            String bad = fx.call(Call.of(endpoint, "bad", input));
            assertTrue(bad.startsWith("failure:NexusOperationFailure"), bad);
            assertTrue(bad.contains("ApplicationFailure[](bad input: " + input + ")"), "the handler error arrives as"
                    + " a Temporal failure, not as an opaque NexusFailure: " + bad);
        } finally {
            worker.close();
        }
    }

    /** Rewrites the poll responses as from a server without {@code temporal_failure_responses}; counts replies. */
    private static final class LegacyServer implements ClientInterceptor {
        final java.util.concurrent.atomic.AtomicInteger legacyRepliesSent = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        @SuppressWarnings({"unchecked", "deprecation"}) // R is the poll response type; the legacy form is deprecated
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, io.grpc.CallOptions options,
                Channel next) {
            return new io.grpc.ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, io.grpc.Metadata headers) {
                    super.start(new io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onMessage(R message) {
                            if (message instanceof PollNexusTaskQueueResponse p) {
                                message = (R) p.toBuilder().setRequest(p.getRequest().toBuilder()
                                        .clearCapabilities()).build();
                            }
                            super.onMessage(message);
                        }
                    }, headers);
                }

                @Override
                public void sendMessage(Q message) {
                    if ((message instanceof RespondNexusTaskCompletedRequest c
                            && c.getResponse().getStartOperation().hasOperationError())
                            || (message instanceof RespondNexusTaskFailedRequest f && f.hasError())) {
                        legacyRepliesSent.incrementAndGet();
                    }
                    super.sendMessage(message);
                }
            };
        }
    }

    @Test
    void closeInterruptsAHandlerStillRunningAfterTheShutdownTimeoutAndLetsItReply() throws Exception {
        GreetingImpl sleeping = new GreetingImpl();
        String input = unique("zz");
        TemporalNexusWorker worker = impatientWorkerRunning("sleepy", sleeping, input, sleeping.sleepyEntered);
        long t0 = System.nanoTime();
        worker.close();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, sleeping.sleepyInterrupted.getCount(), "the handler was interrupted");
        assertTrue(fx.replies.anyReplyContains("interrupted " + input), "it replied before close() returned");
        assertTrue(millis < 2_500, "close() waited the shutdown timeout, not the handler's minute: " + millis);
        assertTrue(worker.isTerminated());
    }

    @Test
    void aHandlerThatOutlivesCloseNeverReplies() throws Exception {
        GreetingImpl deaf = new GreetingImpl();
        String input = unique("dd");
        TemporalNexusWorker worker = impatientWorkerRunning("deaf", deaf, input, deaf.deafEntered);
        worker.close(); // the handler ignores cancellation and interrupts
        assertFalse(worker.isTerminated(), "its thread still runs the handler");
        // the handler returns well within the task's request timeout: a reply would still be accepted
        deaf.deafRelease.countDown();
        assertTrue(deaf.deafReturned.await(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(worker.awaitTermination(Duration.ofSeconds(5)), "the thread ended once the handler returned");
        assertFalse(fx.replies.anyReplyContains("finally " + input), "no reply after close() returned");
    }

    /**
     * A one-thread worker for {@code operation}'s endpoint that gives running tasks 200 ms when closed, running a
     * call of {@code operation} (a caller workflow's, which waits up to 20 s) once {@code entered} is counted down.
     */
    private TemporalNexusWorker impatientWorkerRunning(String operation, GreetingImpl impl, String input,
            java.util.concurrent.CountDownLatch entered) throws InterruptedException {
        fx.env.createNexusEndpoint(operation + "-endpoint", operation + "-tq");
        TemporalNexusWorker worker = fx.builder(operation + "-tq")
                .handler(NexusHandler.builder().service(impl).build())
                .pollers(1).shutdownTimeout(Duration.ofMillis(200)).build();
        worker.start();
        WorkflowClient.execute(fx.caller(Callers.CallerWorkflow.class)::call,
                new Call(operation + "-endpoint", operation, input, 20, false));
        assertTrue(entered.await(30, java.util.concurrent.TimeUnit.SECONDS), "the task runs");
        return worker;
    }

    /** Throws an {@link Error} instead of sending the first reply, as a broken library or a full heap would. */
    private static final class ErrorOnFirstReply implements ClientInterceptor {
        final java.util.concurrent.CountDownLatch thrown = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, io.grpc.CallOptions options,
                Channel next) {
            if (method.getFullMethodName().endsWith("/RespondNexusTaskCompleted") && armed.getAndSet(false)) {
                thrown.countDown();
                throw new AssertionError("an Error while replying");
            }
            return next.newCall(method, options);
        }
    }

    @Test
    void configIsTheWorkersSettingsWithTheDefaultsFilledIn() {
        TemporalNexusWorker worker = fx.builder("config-tq")
                .handler(NexusHandler.builder().service(new GreetingImpl()).build()).pollers(3).build();
        assertEquals(new TemporalNexusWorker.Config("config-tq", fx.env.getNamespace(),
                fx.recordingClient.getOptions().getIdentity(), 3, 100, Duration.ofSeconds(30), false), worker.config());
        worker.close();
    }

    @Test
    void closingTheWorkerClosesTheHandlerOnlyWhenItWasHandedOver() {
        ClosingImpl kept = new ClosingImpl();
        fx.builder("kept-tq").handler(NexusHandler.builder().service(kept).build()).build().close();
        assertFalse(kept.closed.get(), "by default the handler stays the caller's");

        ClosingImpl owned = new ClosingImpl();
        TemporalNexusWorker worker = fx.builder("owned-tq").handler(NexusHandler.builder().service(owned).build())
                .closeHandlerOnClose(true).build();
        assertTrue(worker.config().closeHandlerOnClose());
        worker.close();
        assertTrue(owned.closed.get(), "the worker owned the handler and closed it");
    }

    /** A contract with one operation whose handler holds a resource. */
    @nexusrpc.api.Service(name = "closing")
    public interface Closing {
        @nexusrpc.api.Operation
        String ping(String input);
    }

    /** Serves {@link Closing} with a handler that records being closed (the engine closes it with itself). */
    @nexusrpc.api.handler.ServiceImpl(Closing.class)
    public static final class ClosingImpl {
        final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        @nexusrpc.api.handler.OperationImpl
        public OperationHandler<String, String> ping() {
            return new ClosingHandler(closed);
        }
    }

    private static final class ClosingHandler implements OperationHandler<String, String>, AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean closed;

        ClosingHandler(java.util.concurrent.atomic.AtomicBoolean closed) {
            this.closed = closed;
        }

        @Override
        public StartResult<String> start(OperationContext ctx, StartOptions options, String input) {
            return StartResult.sync("pong " + input);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** Answers the first {@code n} Nexus polls with UNAVAILABLE without sending them. */
    private static final class FailFirstPolls implements ClientInterceptor {
        final java.util.concurrent.atomic.AtomicInteger left;

        FailFirstPolls(int n) {
            left = new java.util.concurrent.atomic.AtomicInteger(n);
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, io.grpc.CallOptions options,
                Channel next) {
            if (!method.getFullMethodName().endsWith("/PollNexusTaskQueue") || left.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                return next.newCall(method, options);
            }
            return new ClientCall<>() {
                @Override
                public void start(Listener<R> listener, io.grpc.Metadata headers) {
                    listener.onClose(io.grpc.Status.UNAVAILABLE.withDescription("server restarting"),
                            new io.grpc.Metadata());
                }

                @Override
                public void request(int numMessages) {}

                @Override
                public void cancel(String message, Throwable cause) {}

                @Override
                public void halfClose() {}

                @Override
                public void sendMessage(Q message) {}
            };
        }
    }

    /** Delays every call by a fixed time before it is sent. */
    private static final class Latency implements ClientInterceptor {
        private final long millis;

        Latency(long millis) {
            this.millis = millis;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, io.grpc.CallOptions options,
                Channel next) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return next.newCall(method, options);
        }
    }

    private WorkflowExecutionStatus finalStatus(String workflowId) throws InterruptedException {
        WorkflowExecutionStatus status = null;
        for (int i = 0; i < 100; i++) {
            status = fx.client.newUntypedWorkflowStub(workflowId).describe().getStatus();
            if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                break;
            }
            Thread.sleep(100);
        }
        return status;
    }

    /** Loses the reply of the first start of one operation (per request id), as a crash would. */
    static final class CrashAfterFirstStart implements Middleware {
        final Map<String, List<String>> runsByRequestId = new ConcurrentHashMap<>();
        private final String operation;

        CrashAfterFirstStart(String operation) {
            this.operation = operation;
        }

        @Override
        public OperationHandler<Object, Object> wrap(ServiceDefinition service, OperationDefinition<?, ?> op,
                OperationHandler<Object, Object> next) {
            if (!op.name().equals(operation)) {
                return next;
            }
            return new OperationHandler<>() {
                @Override
                public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                        throws OperationException {
                    StartResult<Object> r = next.start(ctx, options, input);
                    List<String> runs = runsByRequestId.computeIfAbsent(options.requestId(),
                            k -> new CopyOnWriteArrayList<>());
                    runs.add(r.links().get(0).uri().toString());
                    if (runs.size() == 1) {
                        throw new HandlerException(HandlerException.ErrorType.INTERNAL, "reply lost after the start");
                    }
                    return r;
                }

                @Override
                public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions o, String token)
                        throws OperationException {
                    return next.fetchInfo(ctx, o, token);
                }

                @Override
                public Object fetchResult(OperationContext ctx, FetchResultOptions o, String token)
                        throws OperationException {
                    return next.fetchResult(ctx, o, token);
                }

                @Override
                public void cancel(OperationContext ctx, CancelOptions o, String token) {
                    next.cancel(ctx, o, token);
                }
            };
        }
    }
}
