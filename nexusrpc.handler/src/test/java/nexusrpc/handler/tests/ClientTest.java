package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.FailureException;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.handler.tests.Payloads.EchoInput;
import nexusrpc.handler.tests.Payloads.HelloInput;
import nexusrpc.handler.tests.Payloads.HelloOutput;
import nexusrpc.handler.tests.Payloads.Item;
import nexusrpc.handler.tests.Payloads.JobRequest;
import nexusrpc.handler.tests.Payloads.JobResult;
import org.junit.jupiter.api.Test;

/** The typed and untyped clients through the in-memory harness: the real dispatcher, no server. */
class ClientTest {
    /** Guards waits so a broken engine fails instead of hanging; never asserted on. */
    private static final long GUARD_SECONDS = 30;

    private final MyNexusServiceSyncImpl sync = new MyNexusServiceSyncImpl();
    private final Jobs jobs = new Jobs();
    private final NexusTestHarness harness = NexusTestHarness.of(sync, new JobServiceImpl(jobs), new FaultyImpl());
    private final ServiceClient<MyNexusService> svc = harness.client(MyNexusService.class);
    private final ServiceClient<JobService> jobClient = harness.client(JobService.class);

    @Test
    void executeByMethodReference() throws Exception {
        assertEquals("hi", svc.execute(MyNexusService::echo, new EchoInput("hi")).message());
        assertEquals("hello a hello a", svc.execute(MyNexusService::hello, new HelloInput("a", 2)).greeting());
        assertEquals(List.of(new Item("a", 1), new Item("b", 2)), svc.execute(MyNexusService::list));
        assertEquals(81, svc.execute(MyNexusService::square, 9));
        assertArrayEquals(new byte[] {2, 1}, svc.execute(MyNexusService::bytes, new byte[] {1, 2}));
        svc.execute(MyNexusService::fire, new EchoInput("f"));
        svc.execute(MyNexusService::reset);
        assertEquals(List.of("fire:f", "reset"), sync.fired);
        assertNull(assertInstanceOf(StartedOperation.Completed.class, svc.start(MyNexusService::fire,
                new EchoInput("g"))).value());
        assertNull(assertInstanceOf(StartedOperation.Completed.class, svc.start(MyNexusService::reset)).value());
        assertEquals(List.of(new Item("a", 1), new Item("b", 2)),
                assertInstanceOf(StartedOperation.Completed.class, svc.start(MyNexusService::list)).value());
        OperationHandle<Void> voidHandle = svc.handle(MyNexusService::fire, "t");
        assertEquals("fire", voidHandle.operation());
        assertEquals("reset", svc.handle(MyNexusService::reset, "t").operation());
        assertEquals("my-service", svc.definition().name());
    }

    @Test
    void callOptionsReachTheHandler() throws Exception {
        CallOptions options = CallOptions.builder().header("X-Suffix", "?").build();
        assertEquals("hi?", svc.execute(MyNexusService::echo, new EchoInput("hi"), options).message());

        jobClient.start(JobService::run, new JobRequest("ids", false), CallOptions.builder().requestId("r-7")
                .callbackUrl("http://cb").callbackHeader("k", "v").build());
        String token = jobs.started.poll(GUARD_SECONDS, TimeUnit.SECONDS);
        assertEquals("r-7", jobs.startOptions(token).requestId());
        assertEquals("http://cb", jobs.startOptions(token).callbackUrl());
        assertEquals("v", jobs.startOptions(token).callbackHeaders().get("K"));

        jobClient.start(JobService::run, new JobRequest("generated", false));
        String generated = jobs.startOptions(jobs.started.poll(GUARD_SECONDS, TimeUnit.SECONDS)).requestId();
        assertEquals(4, java.util.UUID.fromString(generated).version(), "a random UUID when none is given");
    }

    @Test
    void aSyncStartCompletesWithoutAHandle() throws Exception {
        StartedOperation<JobResult> started = jobClient.start(JobService::run, new JobRequest("q", true));
        StartedOperation.Completed<?> done = assertInstanceOf(StartedOperation.Completed.class, started);
        assertEquals(new JobResult("q", "done at once"), done.value());
        IllegalStateException e = assertThrows(IllegalStateException.class, started::handle);
        assertTrue(e.getMessage().contains("completed synchronously"));
    }

    @Test
    void anAsyncStartGivesAHandleForEveryVerb() throws Exception {
        StartedOperation<JobResult> started = jobClient.start(JobService::run, new JobRequest("slow", false));
        assertInstanceOf(StartedOperation.Running.class, started);
        assertEquals(List.of(Jobs.LINK), started.links());
        OperationHandle<JobResult> handle = started.handle();
        assertEquals("jobs", handle.service());
        assertEquals("run", handle.operation());
        assertEquals(OperationState.RUNNING, handle.info().state());
        assertThrows(OperationStillRunningException.class, () -> handle.result(Duration.ZERO));
        jobs.complete(handle.token(), "finished");
        assertEquals(new JobResult("slow", "finished"), handle.result(Duration.ZERO));
        assertEquals(OperationState.SUCCEEDED, handle.info().state());

        OperationHandle<JobResult> again = jobClient.handle(JobService::run, handle.token());
        assertEquals(new JobResult("slow", "finished"), again.result(Duration.ZERO), "a handle from a token");
    }

    @Test
    void executeFollowsAnAsyncOperationToItsResult() throws Exception {
        // a thread of its own for the blocked caller, not the common pool (one thread on 2 CPUs; from JDK 25
        // CompletableFuture no longer starts a thread per task there)
        ExecutorService caller = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "client-test-caller");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<JobResult> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return jobClient.execute(JobService::run, new JobRequest("long", false));
                } catch (OperationException e) {
                    throw new IllegalStateException(e);
                }
            }, caller);
            String token = jobs.started.poll(GUARD_SECONDS, TimeUnit.SECONDS);
            assertNotNull(token);
            jobs.complete(token, "eventually");
            assertEquals(new JobResult("long", "eventually"), call.get(GUARD_SECONDS, TimeUnit.SECONDS));
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void executeGivesUpAtItsTimeout() {
        assertThrows(OperationStillRunningException.class, () -> jobClient.execute(JobService::run,
                new JobRequest("never", false), CallOptions.builder().timeout(Duration.ofMillis(100)).build()));
    }

    @Test
    void cancelThroughAHandle() throws Exception {
        OperationHandle<JobResult> handle = jobClient.start(JobService::run, new JobRequest("c", false)).handle();
        handle.cancel();
        assertEquals(OperationState.CANCELED, handle.info().state());
        OperationException e = assertThrows(OperationException.class, () -> handle.result(Duration.ZERO));
        assertEquals(OperationState.CANCELED, e.state());
        assertEquals("job " + handle.token() + " was canceled", e.getMessage());
    }

    @Test
    void operationFailuresAreRehydratedWithTheirCauseChain() throws Exception {
        OperationHandle<JobResult> handle = jobClient.start(JobService::run, new JobRequest("f", false)).handle();
        jobs.fail(handle.token(), new IllegalStateException("disk on fire"));
        OperationException e = assertThrows(OperationException.class, () -> handle.result(Duration.ZERO));
        assertEquals(OperationState.FAILED, e.state());
        FailureException cause = assertInstanceOf(FailureException.class, e.getCause(),
                "the caller gets what the wire carries, not the handler's exception objects");
        assertEquals("disk on fire", cause.getMessage());

        ServiceClient<Faulty> faulty = harness.client(Faulty.class);
        OperationException atStart = assertThrows(OperationException.class, () -> faulty.execute(Faulty::fail,
                "failed"));
        assertEquals("payment declined", atStart.getMessage());
        assertEquals("card expired", atStart.getCause().getMessage());
        assertEquals("bank offline", atStart.getCause().getCause().getMessage());
        assertInstanceOf(FailureException.class, atStart.getCause().getCause());
        assertEquals(OperationState.CANCELED,
                assertThrows(OperationException.class, () -> faulty.execute(Faulty::fail, "canceled")).state());
    }

    @Test
    void handlerErrorsAreRehydratedWithTypeAndRetry() {
        ServiceClient<Faulty> faulty = harness.client(Faulty.class);
        HandlerException unavailable = assertThrows(HandlerException.class,
                () -> faulty.execute(Faulty::fail, "handler:UNAVAILABLE"));
        assertEquals(ErrorType.UNAVAILABLE, unavailable.type());
        assertTrue(unavailable.isRetryable());
        assertEquals("handler said UNAVAILABLE", unavailable.getMessage());
        HandlerException retryable = assertThrows(HandlerException.class,
                () -> faulty.execute(Faulty::fail, "retryable-bad-request"));
        assertTrue(retryable.isRetryable());
        HandlerException internal = assertThrows(HandlerException.class, () -> faulty.execute(Faulty::fail, "boom"));
        assertEquals(ErrorType.INTERNAL, internal.type());
        assertTrue(!internal.getMessage().contains(FaultyImpl.SECRET) && internal.getCause() == null);
        HandlerException notImplemented = assertThrows(HandlerException.class,
                () -> harness.client(JobService.class).handle(JobService::plain, "t").info());
        assertEquals(ErrorType.NOT_IMPLEMENTED, notImplemented.type());
    }

    @Test
    void untypedCallsByName() throws Exception {
        NexusClient untyped = harness.untypedClient();
        HelloOutput out = untyped.execute("my-service", "my-invalid-java-identifier", new HelloInput("u", 1),
                HelloOutput.class, CallOptions.defaults());
        assertEquals("hello u", out.greeting());
        StartedOperation<JobResult> started = untyped.start("jobs", "run", new JobRequest("n", false),
                JobResult.class, null);
        OperationHandle<JobResult> handle = untyped.handle("jobs", "run", started.handle().token(), JobResult.class);
        jobs.complete(handle.token(), "by name");
        assertEquals(new JobResult("n", "by name"), handle.result(Duration.ZERO));
        HandlerException missing = assertThrows(HandlerException.class,
                () -> untyped.execute("my-service", "nope", null, Object.class, null));
        assertEquals(ErrorType.NOT_FOUND, missing.type());
        assertEquals("service \"my-service\" has no operation \"nope\"", missing.getMessage());
    }

    @Test
    void aStartedHandleCarriesTheStartHeadersToEveryVerb() throws Exception {
        Jobs guarded = new Jobs();
        nexusrpc.handler.Middleware auth = (service, operation, next) ->
                new nexusrpc.handler.ForwardingOperationHandler<>(next) {
                    private void check(nexusrpc.api.handler.OperationContext ctx) {
                        if (!"let-me-in".equals(ctx.headers().get("authorization"))) {
                            throw new HandlerException(ErrorType.UNAUTHENTICATED, "no credentials");
                        }
                    }

                    @Override
                    public nexusrpc.api.OperationInfo fetchInfo(nexusrpc.api.handler.OperationContext ctx,
                            nexusrpc.api.handler.FetchInfoOptions options, String token) throws OperationException {
                        check(ctx);
                        return super.fetchInfo(ctx, options, token);
                    }

                    @Override
                    public void cancel(nexusrpc.api.handler.OperationContext ctx,
                            nexusrpc.api.handler.CancelOptions options, String token) {
                        check(ctx);
                        super.cancel(ctx, options, token);
                    }
                };
        ServiceClient<JobService> client = NexusTestHarness.of(nexusrpc.handler.NexusHandler.builder()
                .service(new JobServiceImpl(guarded)).middleware(auth).build()).client(JobService.class);
        OperationHandle<JobResult> handle = client.start(JobService::run, new JobRequest("a", false),
                CallOptions.builder().header("Authorization", "let-me-in").build()).handle();
        assertEquals(OperationState.RUNNING, handle.info().state());
        handle.cancel();
        assertEquals(OperationState.CANCELED, handle.info().state());
        HandlerException anonymous = assertThrows(HandlerException.class,
                () -> client.handle(JobService::run, handle.token()).info());
        assertEquals(ErrorType.UNAUTHENTICATED, anonymous.type());
    }

    @nexusrpc.api.Service
    public interface Reporting {
        @nexusrpc.api.Operation
        String report(String token);
    }

    @nexusrpc.api.handler.ServiceImpl(Reporting.class)
    public static final class ReportingImpl {
        @nexusrpc.api.handler.OperationImpl
        public nexusrpc.api.handler.OperationHandler<String, String> report() {
            return new nexusrpc.api.handler.OperationHandler<>() {
                @Override
                public nexusrpc.api.handler.StartResult<String> start(nexusrpc.api.handler.OperationContext ctx,
                        nexusrpc.api.handler.StartOptions options, String input) {
                    return nexusrpc.api.handler.StartResult.async(input);
                }

                @Override
                public nexusrpc.api.OperationInfo fetchInfo(nexusrpc.api.handler.OperationContext ctx,
                        nexusrpc.api.handler.FetchInfoOptions options, String token) throws OperationException {
                    throw OperationException.failed("it broke");
                }
            };
        }
    }

    @Test
    void infoOfAnOperationReportedAsFailedIsItsState() throws Exception {
        OperationHandle<String> handle = NexusTestHarness.of(new ReportingImpl()).client(Reporting.class)
                .start(Reporting::report, "tok").handle();
        assertEquals(new nexusrpc.api.OperationInfo("tok", OperationState.FAILED), handle.info());
    }

    @Test
    void aCapturingLambdaIsResolvedOnEveryCall() throws Exception {
        ServiceClient<Faulty> faulty = harness.client(Faulty.class);
        for (boolean broken : new boolean[] {false, true, false}) {
            java.util.function.BiFunction<Faulty, String, String> pick = (s, in) -> broken ? s.checked(in) : s.fail(in);
            if (broken) {
                assertEquals(ErrorType.INTERNAL,
                        assertThrows(HandlerException.class, () -> faulty.execute(pick, "x")).type());
            } else {
                assertEquals("ok x", faulty.execute(pick, "x"));
            }
        }
    }

    @Test
    void typedClientsAreBuiltOncePerContract() {
        assertSame(svc, harness.client(MyNexusService.class));
        assertSame(svc, harness.untypedClient().client(MyNexusService.class));
    }

    @Test
    void aReferenceThatCallsNoOperationIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> svc.execute((MyNexusService s, EchoInput in) -> new Payloads.EchoOutput("none"), new EchoInput("x")));
        assertTrue(e.getMessage().contains("does not call a method of MyNexusService: pass a method reference such"
                + " as MyNexusService::"), e.getMessage());
    }

    @Test
    void invalidContractsAndImplementationsFailEarly() {
        assertThrows(InvalidContractException.class, () -> harness.client(Runnable.class));
        assertThrows(InvalidContractException.class, () -> NexusTestHarness.of(new Object()));
    }
}
