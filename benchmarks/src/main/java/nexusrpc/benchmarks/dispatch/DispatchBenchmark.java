package nexusrpc.benchmarks.dispatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.nexusrpc.handler.HandlerInputContent;
import io.nexusrpc.handler.HandlerResultContent;
import io.nexusrpc.handler.OperationContext;
import io.nexusrpc.handler.OperationStartDetails;
import io.nexusrpc.handler.OperationStartResult;
import io.nexusrpc.handler.ServiceHandler;
import io.nexusrpc.handler.ServiceImplInstance;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.opentelemetry.NexusTelemetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sync echo call, JSON in and out, from the bytes and headers a transport received to the bytes it sends.
 *
 * <p>Every variant starts from the same immutable inputs (body, request headers, content headers, request id)
 * and does what a transport must do with its SDK's API to get the result bytes:
 * <ul>
 *   <li>{@code limit}: Jackson {@link ObjectReader} → direct method call → {@link ObjectWriter}, both created
 *       once — the least any SDK can do;
 *   <li>{@code ours}: {@link StartRequest} → {@link NexusHandler#start} with the default {@code
 *       JacksonSerializer};
 *   <li>{@code official}: {@code OperationContext}, {@code OperationStartDetails} and {@code
 *       HandlerInputContent} built with their builders → {@code ServiceHandler.startOperation} with an equally
 *       efficient Jackson serializer ({@link OfficialJacksonSerializer}).
 *   <li>{@code oursTraced*}: {@code ours} with {@code NexusTelemetry}'s middleware, the request carrying a
 *       caller's W3C {@code traceparent}: on the no-op API ({@code Noop}: nothing installed), on an API that
 *       propagates W3C context but has no SDK ({@code Propagating}: the middleware runs, its spans are no-ops), and
 *       on the SDK recording every span and metric into exporters that drop them ({@code Sdk}).
 * </ul>
 * Setup checks that all variants return the same bytes, so a broken variant cannot post a fast figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DispatchBenchmark {
    /** The size of the JSON request body in bytes. */
    @Param({"16", "65536"})
    public int payload;

    private static final String REQUEST_ID = "0d6b8b3e-3a0f-4c55-9d0e-6c1f2f1c9a11";
    /** Request headers as an HTTP transport would receive them (already lower-case). */
    private static final Map<String, String> REQUEST_HEADERS = Map.of(
            "user-agent", "nexus-benchmark/1",
            "request-timeout", "10s",
            "nexus-request-id", REQUEST_ID,
            "accept", "application/json");
    /** The same, from a traced caller: W3C trace context the tracing middleware extracts. */
    private static final Map<String, String> TRACED_HEADERS = Map.of(
            "user-agent", "nexus-benchmark/1",
            "request-timeout", "10s",
            "nexus-request-id", REQUEST_ID,
            "accept", "application/json",
            "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    /** Content headers of the body (Nexus strips the {@code content-} prefix). */
    private static final Map<String, String> CONTENT_HEADERS = Map.of("type", "application/json");

    private byte[] body;
    private ObjectReader limitReader;
    private ObjectWriter limitWriter;
    private EchoServiceImpl limitTarget;
    private NexusHandler ours;
    private NexusHandler tracedNoop;
    private NexusHandler tracedPropagating;
    private NexusHandler tracedSdk;
    private OpenTelemetrySdk sdk;
    private ServiceHandler official;

    /** Builds the three variants once and checks they agree. */
    @Setup
    public void setUp() {
        body = Payloads.echoJson(payload);
        // configured like JacksonSerializer.create(), so every variant does the same Jackson work
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        limitReader = mapper.readerFor(Echo.class);
        limitWriter = mapper.writerFor(Echo.class);
        limitTarget = new EchoServiceImpl();
        ours = NexusHandler.builder().service(new EchoServiceImpl()).build();
        tracedNoop = traced(OpenTelemetry.noop());
        tracedPropagating = traced(OpenTelemetry.propagating(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
        sdk = NoopExporters.sdk();
        tracedSdk = traced(sdk);
        official = ServiceHandler.newBuilder()
                .addInstance(ServiceImplInstance.fromInstance(new OfficialEchoServiceImpl()))
                .setSerializer(new OfficialJacksonSerializer(mapper))
                .build();
        byte[] expected = limit();
        if (!Arrays.equals(expected, body)) {
            throw new IllegalStateException("the limit variant does not echo the body");
        }
        if (!Arrays.equals(expected, ours())) {
            throw new IllegalStateException("our dispatcher returned other bytes than the limit");
        }
        for (NexusHandler traced : new NexusHandler[] {tracedNoop, tracedPropagating, tracedSdk}) {
            if (!Arrays.equals(expected, tracedWith(traced))) {
                throw new IllegalStateException("a traced dispatcher returned other bytes than the limit");
            }
        }
        if (!Arrays.equals(expected, official())) {
            throw new IllegalStateException("the official SDK returned other bytes than the limit");
        }
    }

    private static NexusHandler traced(OpenTelemetry otel) {
        return NexusHandler.builder().middleware(NexusTelemetry.create(otel).middleware())
                .service(new EchoServiceImpl()).build();
    }

    /** Flushes and closes the SDK of the recording variant. */
    @TearDown
    public void tearDown() {
        sdk.close();
    }

    /** The limit: Jackson read, direct call, Jackson write. */
    @Benchmark
    public byte[] limit() {
        try {
            Echo input = limitReader.readValue(body);
            return limitWriter.writeValueAsBytes(limitTarget.echo(input));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Our dispatcher, entered the way a transport enters it. */
    @Benchmark
    public byte[] ours() {
        return oursWith(null);
    }

    /**
     * Ours with a deadline ten seconds ahead, as HTTP callers that send {@code Request-Timeout} and Temporal's
     * Nexus tasks have: the dispatcher then arms the cancellation of the call at the deadline.
     */
    @Benchmark
    public byte[] oursDeadline() {
        return oursWith(Instant.now().plusSeconds(10));
    }

    /** Inlined into both benchmark methods, as their bodies would be, so the helper adds no call of its own. */
    @CompilerControl(CompilerControl.Mode.INLINE)
    private byte[] oursWith(Instant deadline) {
        StartRequest request = StartRequest.builder(EchoService.NAME, EchoService.OPERATION)
                .headers(Headers.ofLowerCased(REQUEST_HEADERS))
                .requestId(REQUEST_ID)
                .deadline(deadline)
                .input(new Content(Headers.ofLowerCased(CONTENT_HEADERS), body))
                .build();
        return ours.start(request).accept(SYNC_BYTES);
    }

    /** Ours with the tracing middleware on the no-op API: nothing installed, nothing recorded or propagated. */
    @Benchmark
    public byte[] oursTracedNoop() {
        return tracedWith(tracedNoop);
    }

    /** Ours with the tracing middleware on an API that propagates W3C trace context but records nothing. */
    @Benchmark
    public byte[] oursTracedPropagating() {
        return tracedWith(tracedPropagating);
    }

    /** Ours with the tracing middleware on the SDK: every span and metric recorded, then dropped by the exporters. */
    @Benchmark
    public byte[] oursTracedSdk() {
        return tracedWith(tracedSdk);
    }

    @CompilerControl(CompilerControl.Mode.INLINE)
    private byte[] tracedWith(NexusHandler handler) {
        StartRequest request = StartRequest.builder(EchoService.NAME, EchoService.OPERATION)
                .headers(Headers.ofLowerCased(TRACED_HEADERS))
                .requestId(REQUEST_ID)
                .input(new Content(Headers.ofLowerCased(CONTENT_HEADERS), body))
                .build();
        return handler.start(request).accept(SYNC_BYTES);
    }

    /** The bytes of a sync result; any other outcome is a broken benchmark. Stateless, so shared. */
    private static final StartOutcome.Visitor<byte[]> SYNC_BYTES = new StartOutcome.Visitor<>() {
        @Override
        public byte[] sync(StartOutcome.Sync sync) {
            return sync.result().data();
        }

        @Override
        public byte[] async(StartOutcome.Async async) {
            throw unexpected(async);
        }

        @Override
        public byte[] operationFailure(nexusrpc.handler.transport.OperationFailure failure) {
            throw unexpected(failure);
        }

        @Override
        public byte[] handlerError(nexusrpc.handler.transport.HandlerError error) {
            throw unexpected(error);
        }

        @Override
        public byte[] deadlineExceeded(nexusrpc.handler.transport.DeadlineExceeded deadline) {
            throw unexpected(deadline);
        }

        private IllegalStateException unexpected(Object outcome) {
            return new IllegalStateException("expected a sync result, got " + outcome);
        }
    };

    /** The official SDK's handler, entered the way a transport enters it. */
    @Benchmark
    public byte[] official() {
        try {
            OperationContext.Builder context = OperationContext.newBuilder()
                    .setService(EchoService.NAME)
                    .setOperation(EchoService.OPERATION);
            context.getHeaders().putAll(REQUEST_HEADERS);
            OperationStartDetails details = OperationStartDetails.newBuilder().setRequestId(REQUEST_ID).build();
            HandlerInputContent.Builder input = HandlerInputContent.newBuilder()
                    .setDataStream(new ByteArrayInputStream(body));
            input.getHeaders().putAll(CONTENT_HEADERS);
            OperationStartResult<HandlerResultContent> result =
                    official.startOperation(context.build(), details, input.build());
            return result.getSyncResult().getDataBytes();
        } catch (io.nexusrpc.OperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
