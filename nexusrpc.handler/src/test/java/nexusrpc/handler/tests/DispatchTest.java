package nexusrpc.handler.tests;

import static nexusrpc.handler.tests.Requests.json;
import static nexusrpc.handler.tests.Requests.start;
import static nexusrpc.handler.tests.Requests.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.OperationState;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import org.junit.jupiter.api.Test;

/** Both handler styles, all four verbs, routing and the NOT_FOUND / NOT_IMPLEMENTED answers. */
class DispatchTest {
    private final MyNexusServiceSyncImpl sync = new MyNexusServiceSyncImpl();
    private final Jobs jobs = new Jobs();
    private final JobServiceImpl manual = new JobServiceImpl(jobs);
    private final NexusHandler handler = NexusHandler.builder().service(sync).service(manual).build();

    private String startJson(String service, String operation, String input) {
        StartOutcome outcome = handler.start(start(service, operation, input));
        return text(assertInstanceOf(StartOutcome.Sync.class, outcome, () -> outcome.toString()).result());
    }

    @Test
    void syncShorthandServesEveryMethodShape() {
        assertEquals("{\"message\":\"hi\"}", startJson("my-service", "echo", "{\"message\":\"hi\"}"));
        assertEquals("{\"greeting\":\"hello x hello x\"}",
                startJson("my-service", "my-invalid-java-identifier", "{\"name\":\"x\",\"times\":2}"));
        assertEquals("[{\"id\":\"a\",\"quantity\":1},{\"id\":\"b\",\"quantity\":2}]",
                startJson("my-service", "list", null));
        assertEquals("49", startJson("my-service", "square", "7"));
        assertEquals("{\"a\":[{\"id\":\"a1\",\"quantity\":1},{\"id\":\"a2\",\"quantity\":3}],"
                        + "\"b\":[{\"id\":\"b1\",\"quantity\":2}]}",
                startJson("my-service", "group",
                        "[{\"id\":\"a1\",\"quantity\":1},{\"id\":\"b1\",\"quantity\":2},{\"id\":\"a2\",\"quantity\":3}]"));
    }

    @Test
    void theJavaNameIsNotRoutedOnceTheNexusNameIsOverridden() {
        HandlerError e = assertInstanceOf(HandlerError.class,
                handler.start(start("my-service", "hello", "{\"name\":\"x\",\"times\":1}")));
        assertEquals(ErrorType.NOT_FOUND, e.type());
    }

    @Test
    void theContextCarriesHeadersCaseInsensitively() {
        StartRequest request = StartRequest.builder("my-service", "echo")
                .headers(Headers.of("X-Suffix", "!"))
                .input(json("{\"message\":\"hi\"}"))
                .build();
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class, handler.start(request));
        assertEquals("{\"message\":\"hi!\"}", text(out.result()));
    }

    @Test
    void voidOutputIsEmptyContentAndTheInputStillArrives() {
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class,
                handler.start(start("my-service", "fire", "{\"message\":\"bang\"}")));
        assertTrue(out.result().isEmpty());
        assertNull(out.result().type());
        assertEquals(List.of("fire:bang"), sync.fired);
    }

    @Test
    void bytesTravelAsOctetStream() {
        StartRequest request = StartRequest.builder("my-service", "bytes")
                .input(Content.of("application/octet-stream", new byte[] {1, 2, 3}))
                .build();
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class, handler.start(request));
        assertEquals("application/octet-stream", out.result().type());
        assertArrayEquals(new byte[] {3, 2, 1}, out.result().data());
    }

    @Test
    void aNoInputOperationIgnoresTheBody() {
        assertEquals(2, startJson("my-service", "list", "{\"ignored\":true}").split("\\},\\{").length);
    }

    @Test
    void manualStyleAnswersAllFourVerbs() {
        StartRequest request = StartRequest.builder("jobs", "run")
                .input(json("{\"name\":\"build\",\"quick\":false}"))
                .requestId("req-1")
                .callbackUrl("http://caller/callback")
                .callbackHeaders(Headers.of("Authorization", "token"))
                .links(List.of(new Link(URI.create("caller:///wf"), "caller.Workflow")))
                .operationTimeout(Duration.ofMinutes(5))
                .build();
        StartOutcome.Async started = assertInstanceOf(StartOutcome.Async.class, handler.start(request));
        String token = started.token();
        assertEquals(List.of(Jobs.LINK), started.links());
        StartOptions seen = jobs.startOptions(token);
        assertEquals("req-1", seen.requestId());
        assertEquals("http://caller/callback", seen.callbackUrl());
        assertEquals("token", seen.callbackHeaders().get("authorization"));
        assertEquals("caller.Workflow", seen.links().get(0).type());
        assertEquals(Duration.ofMinutes(5), seen.operationTimeout());

        TokenRequest about = TokenRequest.builder("jobs", "run", token).build();
        assertEquals(OperationState.RUNNING, info(about));
        assertInstanceOf(FetchResultOutcome.StillRunning.class, handler.fetchResult(about, Duration.ZERO));

        jobs.complete(token, "built");
        assertEquals(OperationState.SUCCEEDED, info(about));
        FetchResultOutcome.Ready ready = assertInstanceOf(FetchResultOutcome.Ready.class,
                handler.fetchResult(about, Duration.ZERO));
        assertEquals("{\"name\":\"build\",\"outcome\":\"built\"}", text(ready.result()));

        String other = ((StartOutcome.Async) handler.start(start("jobs", "run", "{\"name\":\"x\"}"))).token();
        TokenRequest aboutOther = TokenRequest.builder("jobs", "run", other).build();
        assertInstanceOf(CancelOutcome.Accepted.class, handler.cancel(aboutOther));
        assertEquals(OperationState.CANCELED, info(aboutOther));
        OperationFailure canceled = assertInstanceOf(OperationFailure.class,
                handler.fetchResult(aboutOther, Duration.ZERO));
        assertEquals(OperationState.CANCELED, canceled.state());
        assertTrue(canceled.failure().message().contains("was canceled"));
    }

    @Test
    void aManualStartMayStillAnswerSynchronously() {
        assertEquals("{\"name\":\"now\",\"outcome\":\"done at once\"}",
                startJson("jobs", "run", "{\"name\":\"now\",\"quick\":true}"));
    }

    @Test
    void aFailedOperationKeepsItsCauseChain() {
        String token = ((StartOutcome.Async) handler.start(start("jobs", "run", "{\"name\":\"f\"}"))).token();
        jobs.fail(token, new IllegalStateException("compiler crashed", new RuntimeException("out of memory")));
        TokenRequest about = TokenRequest.builder("jobs", "run", token).build();
        assertEquals(OperationState.FAILED, info(about));
        OperationFailure failed = assertInstanceOf(OperationFailure.class, handler.fetchResult(about, Duration.ZERO));
        assertEquals(OperationState.FAILED, failed.state());
        assertEquals("job " + token + " failed", failed.failure().message());
        assertEquals("compiler crashed", failed.failure().cause().message());
        assertEquals("out of memory", failed.failure().cause().cause().message());
        assertNull(failed.failure().stackTrace());
    }

    @Test
    void factoriesRunOnceAtRegistration() {
        assertEquals(2, manual.factoryCalls.get());
        for (int i = 0; i < 5; i++) {
            startJson("jobs", "plain", "\"x\"");
        }
        assertEquals(2, manual.factoryCalls.get());
        assertEquals("\"ABC\"", startJson("jobs", "plain", "\"abc\""));
    }

    @Test
    void errorsOfTheManualHandlerArePassedOn() {
        HandlerError e = assertInstanceOf(HandlerError.class,
                handler.fetchInfo(TokenRequest.builder("jobs", "run", "no-such-token").build()));
        assertEquals(ErrorType.NOT_FOUND, e.type());
        assertEquals("no job with token no-such-token", e.failure().message());
    }

    @Test
    void verbsLeftOutAnswerNotImplemented() {
        for (String[] op : new String[][] {{"jobs", "plain"}, {"my-service", "echo"}}) {
            TokenRequest about = TokenRequest.builder(op[0], op[1], "some-token").build();
            assertNotImplemented(handler.fetchInfo(about), op, "fetchInfo");
            assertNotImplemented(handler.fetchResult(about, Duration.ZERO), op, "fetchResult");
            assertNotImplemented(handler.cancel(about), op, "cancel");
        }
    }

    private static void assertNotImplemented(Object outcome, String[] op, String verb) {
        HandlerError e = assertInstanceOf(HandlerError.class, outcome);
        assertEquals(ErrorType.NOT_IMPLEMENTED, e.type());
        assertFalse(e.retryable());
        assertEquals("operation \"" + op[1] + "\" of service \"" + op[0] + "\" does not support " + verb,
                e.failure().message());
    }

    @Test
    void unknownServicesAndOperationsAreNotFoundForEveryVerb() {
        for (String[] target : new String[][] {{"nope", "echo"}, {"my-service", "nope"}}) {
            TokenRequest about = TokenRequest.builder(target[0], target[1], "t").build();
            List<Object> outcomes = List.of(handler.start(start(target[0], target[1], "{}")),
                    handler.fetchInfo(about), handler.fetchResult(about, Duration.ZERO), handler.cancel(about));
            for (Object outcome : outcomes) {
                HandlerError e = assertInstanceOf(HandlerError.class, outcome);
                assertEquals(ErrorType.NOT_FOUND, e.type());
                assertFalse(e.retryable());
                String expected = target[0].equals("nope")
                        ? "service \"nope\" is not served here"
                        : "service \"my-service\" has no operation \"nope\"";
                assertEquals(expected, e.failure().message());
            }
        }
    }

    @Test
    void theHandlerListsItsServices() {
        assertEquals(List.of("my-service", "jobs"),
                handler.services().stream().map(s -> s.name()).collect(java.util.stream.Collectors.toList()));
    }

    private OperationState info(TokenRequest about) {
        FetchInfoOutcome outcome = handler.fetchInfo(about);
        FetchInfoOutcome.Info info = assertInstanceOf(FetchInfoOutcome.Info.class, outcome, outcome::toString);
        assertEquals(about.token(), info.info().token());
        return info.info().state();
    }
}
