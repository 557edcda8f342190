package nexusrpc.handler.tests;

import static nexusrpc.handler.tests.Requests.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.ForwardingOperationHandler;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.tests.Payloads.JobResult;
import org.junit.jupiter.api.Test;

/** Middleware wraps every verb of every operation, first added outermost, applied once at build. */
class MiddlewareTest {
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final AtomicInteger wraps = new AtomicInteger();

    /** Records entry and exit of every verb under a label. */
    private Middleware recording(String label) {
        return (service, operation, next) -> {
            wraps.incrementAndGet();
            return new ForwardingOperationHandler<>(next) {
                @Override
                public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                        throws OperationException {
                    trace.add(label + ">start " + service.name() + "/" + operation.name());
                    try {
                        return super.start(ctx, options, input);
                    } finally {
                        trace.add(label + "<start");
                    }
                }

                @Override
                public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token)
                        throws OperationException {
                    trace.add(label + ">fetchInfo");
                    try {
                        return super.fetchInfo(ctx, options, token);
                    } finally {
                        trace.add(label + "<fetchInfo");
                    }
                }

                @Override
                public Object fetchResult(OperationContext ctx, FetchResultOptions options, String token)
                        throws OperationException {
                    trace.add(label + ">fetchResult");
                    try {
                        return super.fetchResult(ctx, options, token);
                    } finally {
                        trace.add(label + "<fetchResult");
                    }
                }

                @Override
                public void cancel(OperationContext ctx, CancelOptions options, String token) {
                    trace.add(label + ">cancel");
                    try {
                        super.cancel(ctx, options, token);
                    } finally {
                        trace.add(label + "<cancel");
                    }
                }
            };
        };
    }

    @Test
    void everyVerbIsWrappedFirstAddedOutermost() {
        Jobs jobs = new Jobs();
        NexusHandler handler = NexusHandler.builder()
                .service(new JobServiceImpl(jobs))
                .middleware(recording("A"))
                .middleware(recording("B"))
                .build();
        assertEquals(4, wraps.get(), "two operations x two middleware, once at build");

        String token = ((StartOutcome.Async) handler.start(start("jobs", "run", "{\"name\":\"m\"}"))).token();
        TokenRequest about = TokenRequest.builder("jobs", "run", token).build();
        handler.fetchInfo(about);
        jobs.complete(token, "ok");
        handler.fetchResult(about, Duration.ZERO);
        handler.cancel(about);
        assertEquals(List.of(
                "A>start jobs/run", "B>start jobs/run", "B<start", "A<start",
                "A>fetchInfo", "B>fetchInfo", "B<fetchInfo", "A<fetchInfo",
                "A>fetchResult", "B>fetchResult", "B<fetchResult", "A<fetchResult",
                "A>cancel", "B>cancel", "B<cancel", "A<cancel"), trace);

        for (int i = 0; i < 3; i++) {
            handler.start(start("jobs", "plain", "\"x\""));
        }
        assertEquals(4, wraps.get(), "no wrapping per request");
    }

    @Test
    void middlewareCanRejectAndSeesTheDecodedValues() {
        Middleware auth = (service, operation, next) -> new ForwardingOperationHandler<>(next) {
            @Override
            public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                    throws OperationException {
                if (!"secret".equals(ctx.headers().get("authorization"))) {
                    throw new HandlerException(HandlerException.ErrorType.UNAUTHORIZED, "who are you?");
                }
                trace.add(input.getClass().getSimpleName());
                StartResult<Object> result = super.start(ctx, options, input);
                if (result instanceof StartResult.Sync<Object> sync && sync.value() instanceof JobResult r) {
                    trace.add(r.outcome());
                }
                return result;
            }
        };
        NexusHandler handler = NexusHandler.builder().service(new JobServiceImpl(new Jobs())).middleware(auth)
                .build();
        HandlerError denied = assertInstanceOf(HandlerError.class,
                handler.start(start("jobs", "run", "{\"name\":\"x\",\"quick\":true}")));
        assertEquals(HandlerException.ErrorType.UNAUTHORIZED, denied.type());
        assertEquals("who are you?", denied.failure().message());
        handler.start(nexusrpc.handler.transport.StartRequest.builder("jobs", "run")
                .headers(nexusrpc.api.Headers.of("Authorization", "secret"))
                .input(Requests.json("{\"name\":\"x\",\"quick\":true}"))
                .build());
        assertEquals(List.of("JobRequest", "done at once"), trace);
    }

    @Test
    void middlewareReturningNoHandlerFailsTheBuild() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> NexusHandler.builder().service(new JobServiceImpl(new Jobs()))
                        .middleware((service, operation, next) -> null).build());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("returned no handler for operation"),
                e.getMessage());
    }

    @Test
    void forwardingHandlersForwardEveryVerbByDefault() throws Exception {
        Jobs jobs = new Jobs();
        OperationHandler<Payloads.JobRequest, JobResult> plain = new ForwardingOperationHandler<>(jobs);
        StartResult<JobResult> started = plain.start(null,
                new nexusrpc.api.handler.StartOptions("r", null, null, null, null), new Payloads.JobRequest("f", false));
        String token = ((StartResult.Async<JobResult>) started).token();
        jobs.complete(token, "forwarded");
        assertEquals("forwarded", plain.fetchResult(null, new FetchResultOptions(Duration.ZERO), token).outcome());
        assertEquals(nexusrpc.api.OperationState.SUCCEEDED, plain.fetchInfo(null, null, token).state());
    }
}
