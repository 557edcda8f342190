package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.Operation;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.Serializer;
import nexusrpc.api.Service;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import org.junit.jupiter.api.Test;

/**
 * Operation kinds as plugins: the SPI version they declare is checked, discovered ones can be excluded, the
 * engine closes what they opened, and an asynchronous kind gets the serializer and a transport-neutral
 * completion callback from the context.
 */
class KindPluginTest {
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Later {}

    @Service
    public interface Async {
        @Operation
        String run(String input);
    }

    @ServiceImpl(Async.class)
    public static final class AsyncImpl {
        @Later
        public void run() {}
    }

    @Service
    public interface Plain {
        @Operation
        String hi(String name);
    }

    @ServiceImpl(Plain.class)
    public static final class PlainImpl {
        @SyncOperation
        public String hi(String name) {
            return "hi " + name;
        }
    }

    /** What the kind's handler saw and did, for the assertions. */
    static final class Seen {
        final List<Optional<CompletionCallback>> callbacks = new CopyOnWriteArrayList<>();
        final List<Optional<Serializer>> serializers = new CopyOnWriteArrayList<>();
        final AtomicInteger handlersClosed = new AtomicInteger();
    }

    /** An asynchronous kind written against the SPI only; its handler holds a "resource" closed with the engine. */
    static final class LaterKind implements OperationKind, AutoCloseable {
        final Seen seen = new Seen();
        final String version;
        final AtomicInteger closed = new AtomicInteger();

        LaterKind(String version) {
            this.version = version;
        }

        @Override
        public String spiVersion() {
            return version;
        }

        @Override
        public Class<? extends Annotation> annotation() {
            return Later.class;
        }

        @Override
        public OperationHandler<?, ?> createHandler(OperationBinding binding) {
            return new LaterHandler(seen);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    static final class LaterHandler implements OperationHandler<String, String>, AutoCloseable {
        private final Seen seen;

        LaterHandler(Seen seen) {
            this.seen = seen;
        }

        @Override
        public StartResult<String> start(OperationContext ctx, StartOptions options, String input) {
            seen.callbacks.add(ctx.completionCallback());
            seen.serializers.add(ctx.serializer());
            return StartResult.async("token-" + input);
        }

        @Override
        public void close() {
            seen.handlersClosed.incrementAndGet();
        }
    }

    @Test
    void aKindBuiltForTheEnginesSpiVersionIsAccepted() {
        LaterKind kind = new LaterKind(OperationKind.SPI_VERSION);
        NexusHandler handler = NexusHandler.builder().kind(kind).service(new AsyncImpl()).build();
        assertEquals(1, handler.services().size());
    }

    @Test
    void aKindBuiltForAnotherMajorOrANewerMinorSpiIsRefusedWithWhatToDo() {
        for (String version : List.of("2.0", "1.99", "0.9", "one")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                    NexusHandler.builder().kind(new LaterKind(version)).service(new AsyncImpl()).build());
            assertTrue(e.getMessage().contains(LaterKind.class.getName()), e::getMessage);
            assertTrue(e.getMessage().contains("built for nexusrpc.spi " + version), e::getMessage);
            assertTrue(e.getMessage().contains("implements nexusrpc.spi " + OperationKind.SPI_VERSION),
                    e::getMessage);
        }
    }

    @Test
    void aDiscoveredKindCanBeExcludedByClassNameOnTheBuilder() {
        String sync = "nexusrpc.handler.internal.SyncOperationKind";
        assertEquals("hi x", Requests.text(assertInstanceOf(StartOutcome.Sync.class,
                NexusHandler.builder().service(new PlainImpl()).build()
                        .start(Requests.start("Plain", "hi", "\"x\""))).result()).replace("\"", ""));
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().excludeKind(sync).service(new PlainImpl()).build());
        assertTrue(e.getMessage().contains("no operation-kind annotation") || e.getMessage().contains("@SyncOperation"),
                e::getMessage);
    }

    @Test
    void aDiscoveredKindCanBeExcludedWithTheSystemProperty() {
        String previous = System.getProperty(NexusHandler.EXCLUDE_KINDS_PROPERTY);
        System.setProperty(NexusHandler.EXCLUDE_KINDS_PROPERTY,
                " some.other.Kind , nexusrpc.handler.internal.SyncOperationKind");
        try {
            assertThrows(InvalidContractException.class,
                    () -> NexusHandler.builder().service(new PlainImpl()).build());
        } finally {
            if (previous == null) {
                System.clearProperty(NexusHandler.EXCLUDE_KINDS_PROPERTY);
            } else {
                System.setProperty(NexusHandler.EXCLUDE_KINDS_PROPERTY, previous);
            }
        }
        assertEquals(1, NexusHandler.builder().service(new PlainImpl()).build().services().size());
    }

    @Test
    void closingTheHandlerClosesTheHandlersKindsBuiltOnceButNotAKindTheCallerOwns() {
        LaterKind kind = new LaterKind(OperationKind.SPI_VERSION);
        NexusHandler handler = NexusHandler.builder().kind(kind).service(new AsyncImpl()).build();
        assertEquals(0, kind.seen.handlersClosed.get());
        handler.close();
        handler.close();
        handler.withSerializer(nexusrpc.handler.JacksonSerializer.create()).close();
        assertEquals(1, kind.seen.handlersClosed.get(), "closed once, however often the handler is closed");
        assertEquals(0, kind.closed.get(), "a kind added with kind(...) belongs to the caller");
    }

    @Test
    void anAsynchronousHandlerDeliversItsCompletionThroughTheServingTransport() throws Exception {
        LaterKind kind = new LaterKind(OperationKind.SPI_VERSION);
        NexusHandler handler = NexusHandler.builder().kind(kind).service(new AsyncImpl()).build();
        List<String> sent = new CopyOnWriteArrayList<>();
        List<OperationCompletion> completions = new CopyOnWriteArrayList<>();
        StartOutcome outcome = handler.start(StartRequest.builder("Async", "run").input(Requests.json("\"a\""))
                .callbackUrl("http://caller.example/cb")
                .callbackHeaders(nexusrpc.api.Headers.of(java.util.Map.of("x-caller", "42")))
                .completionDelivery((url, headers, completion) -> {
                    sent.add(url + " " + headers.get("x-caller"));
                    completions.add(completion);
                    return CompletableFuture.completedFuture(null);
                })
                .build());
        assertEquals("token-a", assertInstanceOf(StartOutcome.Async.class, outcome).token());
        assertTrue(kind.seen.serializers.get(0).isPresent(), "the handler's serializer is in the context");
        CompletionCallback callback = kind.seen.callbacks.get(0).orElseThrow();

        callback.succeeded("token-a", "done").toCompletableFuture().get();
        callback.failed("token-a", new OperationException(OperationState.CANCELED, "stopped", null))
                .toCompletableFuture().get();

        assertEquals(List.of("http://caller.example/cb 42", "http://caller.example/cb 42"), sent);
        OperationCompletion.Succeeded ok = assertInstanceOf(OperationCompletion.Succeeded.class, completions.get(0));
        assertEquals("token-a", ok.token());
        assertEquals("\"done\"", Requests.text(ok.result()), "serialized as the operation's output type");
        OperationCompletion.Unsuccessful canceled =
                assertInstanceOf(OperationCompletion.Unsuccessful.class, completions.get(1));
        assertEquals(OperationState.CANCELED, canceled.state());
        assertEquals("stopped", canceled.failure().message());
    }

    @Test
    void noCallbackWithoutACallbackUrlOrATransportThatCanDeliver() {
        LaterKind kind = new LaterKind(OperationKind.SPI_VERSION);
        NexusHandler handler = NexusHandler.builder().kind(kind).service(new AsyncImpl()).build();
        handler.start(StartRequest.builder("Async", "run").input(Requests.json("\"b\""))
                .callbackUrl("http://caller.example/cb").build());
        handler.start(StartRequest.builder("Async", "run").input(Requests.json("\"c\""))
                .completionDelivery((url, headers, completion) -> CompletableFuture.completedFuture(null)).build());
        assertEquals(List.of(Optional.empty(), Optional.empty()), kind.seen.callbacks);
        assertFalse(kind.seen.serializers.isEmpty());
    }
}
