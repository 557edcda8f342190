package nexusrpc.handler.tests;

import static nexusrpc.handler.tests.Requests.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.OperationState;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every mapping from what a handler (or a caller) did wrong to what the caller receives. */
class ErrorMappingTest {
    /** A Java class or package name, or a stack frame: nothing a caller should see. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "(java\\.|nexusrpc\\.|com\\.fasterxml|Exception|Payloads|Input\\b|\\bat [a-z]+\\.|\\$)");

    private final NexusHandler handler = NexusHandler.builder()
            .service(new MyNexusServiceSyncImpl())
            .service(new FaultyImpl())
            .build();

    private HandlerError badRequest(String operation, Content input) {
        StartOutcome outcome = handler.start(StartRequest.builder("my-service", operation).input(input).build());
        HandlerError e = assertInstanceOf(HandlerError.class, outcome, outcome::toString);
        assertEquals(ErrorType.BAD_REQUEST, e.type());
        assertFalse(e.retryable(), "the caller must fix a bad request, not retry it");
        assertNoJavaInternals(e.failure());
        return e;
    }

    private static void assertNoJavaInternals(Failure f) {
        for (Failure x = f; x != null; x = x.cause()) {
            assertFalse(JAVA_INTERNALS.matcher(x.message()).find(), "leaks Java internals: " + x.message());
            assertNull(x.stackTrace());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "my-invalid-java-identifier | {\"name\":\"x\",\"times\":\"many\"}   | at \"times\": expected a number",
        "my-invalid-java-identifier | {\"name\":{\"first\":\"x\"}}        | at \"name\": expected a string",
        "my-invalid-java-identifier | [1,2]                               | expected an object",
        "group     | [{\"id\":\"a\",\"quantity\":1},{\"id\":\"b\",\"quantity\":\"lots\"}] | at \"[1].quantity\"",
        "group     | {\"id\":\"a\"}                                        | expected an array",
        "echo      | {\"message\":                                        | malformed JSON",
        "echo      | not json at all                                       | malformed JSON (line 1",
        "square    | \"seven\"                                             | expected a number",
        "square    | null                                                  | expected a number",
        "positive  | {\"value\":-3}                                        | value must be positive, got -3",
        "paint     | {\"colour\":\"BLUE\"}                                 | at \"colour\": expected one of [RED, GREEN]",
    })
    void undecodableInputIsABadRequestNamingWhatIsWrong(String operation, String body, String expected) {
        HandlerError e = badRequest(operation, Requests.json(body));
        String message = e.failure().message();
        assertTrue(message.startsWith("invalid input for operation \"" + operation + "\": "), message);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void emptyContentForAPrimitiveInputIsABadRequest() {
        assertTrue(badRequest("square", Content.empty()).failure().message().contains("content is empty"));
    }

    @Test
    void anUnreadableMediaTypeIsABadRequest() {
        HandlerError e = badRequest("echo", Content.of("text/plain", "hi".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.failure().message().contains("content of type \"text/plain\" cannot be read: send"
                + " application/json"), e.failure().message());
    }

    @Test
    void jsonSubtypesAndUnknownPropertiesAreAccepted() {
        StartOutcome out = handler.start(StartRequest.builder("my-service", "echo")
                .input(Content.of("application/vnd.acme+json; charset=utf-8",
                        "{\"message\":\"hi\",\"addedLater\":1}".getBytes(StandardCharsets.UTF_8)))
                .build());
        assertEquals("{\"message\":\"hi\"}", Requests.text(assertInstanceOf(StartOutcome.Sync.class, out).result()));
    }

    @Test
    void aFailedOperationBecomesAnOperationFailureWithItsCauses() {
        OperationFailure f = assertInstanceOf(OperationFailure.class, handler.start(start("Faulty", "fail",
                "\"failed\"")));
        assertEquals(OperationState.FAILED, f.state());
        assertEquals("payment declined", f.failure().message());
        assertEquals("card expired", f.failure().cause().message());
        assertEquals("bank offline", f.failure().cause().cause().message());
        assertNull(f.failure().cause().cause().cause());
        assertNoJavaInternals(f.failure());
    }

    @Test
    void aCyclicCauseChainEnds() {
        OperationFailure f = assertInstanceOf(OperationFailure.class, handler.start(start("Faulty", "fail",
                "\"cyclic\"")));
        assertEquals("outer", f.failure().message());
        assertEquals("inner", f.failure().cause().message());
        assertNull(f.failure().cause().cause(), "the cycle back to the outer exception is cut");
    }

    @Test
    void aCanceledOperationBecomesACanceledFailure() {
        OperationFailure f = assertInstanceOf(OperationFailure.class, handler.start(start("Faulty", "fail",
                "\"canceled\"")));
        assertEquals(OperationState.CANCELED, f.state());
        assertEquals("stopped by the user", f.failure().message());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void handlerExceptionsKeepTheirTypeAndDefaultRetry(ErrorType type) {
        HandlerError e = assertInstanceOf(HandlerError.class,
                handler.start(start("Faulty", "fail", "\"handler:" + type + "\"")));
        assertEquals(type, e.type());
        assertEquals(type.retryableByDefault(), e.retryable());
        assertEquals("handler said " + type, e.failure().message());
    }

    @Test
    void retryOverridesSurvive() {
        HandlerError retryable = assertInstanceOf(HandlerError.class,
                handler.start(start("Faulty", "fail", "\"retryable-bad-request\"")));
        assertEquals(ErrorType.BAD_REQUEST, retryable.type());
        assertTrue(retryable.retryable());
        HandlerError last = assertInstanceOf(HandlerError.class,
                handler.start(start("Faulty", "fail", "\"final-internal\"")));
        assertEquals(ErrorType.INTERNAL, last.type());
        assertFalse(last.retryable());
    }

    @ParameterizedTest
    @CsvSource({"fail, \"boom\"", "fail, \"npe\"", "checked, \"x\"", "broken, \"x\""})
    void anythingElseIsAnInternalErrorWithoutDetailsButLogged(String operation, String input) {
        String[] log = new String[1];
        HandlerError e = assertInstanceOf(HandlerError.class,
                captureStderr(log, () -> handler.start(start("Faulty", operation, input))));
        assertEquals(ErrorType.INTERNAL, e.type());
        assertTrue(e.retryable());
        assertEquals("internal error in start (details are in the handler's log)", e.failure().message());
        assertNull(e.failure().cause());
        assertNoJavaInternals(e.failure());
        assertFalse(e.failure().message().contains(FaultyImpl.SECRET));
        assertTrue(log[0].contains("WARN"), log[0]);
        assertTrue(log[0].contains("start of OperationContext[Faulty/" + operation + "] failed unexpectedly"),
                log[0]);
        assertTrue(log[0].contains("\tat "), "the log has the stack trace: " + log[0]);
    }

    @Test
    void theSecretIsInTheLogOnly() {
        String[] log = new String[1];
        HandlerError e = assertInstanceOf(HandlerError.class,
                captureStderr(log, () -> handler.start(start("Faulty", "fail", "\"boom\""))));
        assertTrue(log[0].contains("java.lang.IllegalStateException: database rejected " + FaultyImpl.SECRET));
        assertFalse(e.failure().message().contains(FaultyImpl.SECRET));
    }

    @Test
    void stackTracesAndDetailsAreSentOnlyWhenConfigured() {
        NexusHandler verbose = NexusHandler.builder().service(new FaultyImpl()).includeStackTraces(true).build();
        assertTrue(verbose.includesStackTraces());
        HandlerError e = assertInstanceOf(HandlerError.class,
                captureStderr(new String[1], () -> verbose.start(start("Faulty", "fail", "\"boom\""))));
        assertEquals(ErrorType.INTERNAL, e.type());
        assertTrue(e.failure().message().contains("IllegalStateException: database rejected"), e.failure().message());
        assertTrue(e.failure().stackTrace().contains("FaultyImpl.fail"), e.failure().stackTrace());
        OperationFailure f = assertInstanceOf(OperationFailure.class,
                verbose.start(start("Faulty", "fail", "\"failed\"")));
        assertTrue(f.failure().stackTrace().contains("FaultyImpl.fail"));
        assertTrue(f.failure().cause().stackTrace().contains("IllegalStateException: card expired"));
    }

    /** Runs {@code body} with System.err captured (slf4j-simple writes there) into {@code log[0]}. */
    private static <T> T captureStderr(String[] log, Supplier<T> body) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return body.get();
        } finally {
            System.setErr(original);
            log[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
