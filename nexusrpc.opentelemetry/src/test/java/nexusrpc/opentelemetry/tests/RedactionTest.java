package nexusrpc.opentelemetry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationException;
import nexusrpc.api.SensitiveHeaders;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.ForwardingOperationHandler;
import nexusrpc.handler.MdcMiddleware;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.security.BearerTokenAuthenticator;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.CallbackSecrets;
import nexusrpc.http.CompletionReceiver;
import nexusrpc.http.CompletionSender;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.http.ReceivedCompletion;
import nexusrpc.opentelemetry.NexusTelemetry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Secrets stay secret: calls carrying a bearer token, a completion secret and a user-configured sensitive header,
 * with every logger at DEBUG, leave none of them in any captured log line (message, MDC, stack trace), span or
 * metric, nor in the {@code toString()}s of what handlers and listeners are given, nor in error messages.
 */
class RedactionTest {
    private static final String TOKEN = "tok-5f1e9a77c0de4b21";
    private static final String SEAL_HEADER = "X-Tenant-Seal";
    private static final String SEAL = "seal-8812-a9e0f33d";
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RedactionTest.class);

    /** Logs what a handler is given, as application code might. */
    private static Middleware loggingWhatHandlersSee() {
        return (service, operation, next) -> new ForwardingOperationHandler<>(next) {
            @Override
            public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                    throws OperationException {
                LOG.debug("serving {} with headers {} and options {}", ctx, ctx.headers(), options);
                return super.start(ctx, options, input);
            }
        };
    }

    @Test
    void noSecretReachesLogsTracesMetricsOrMessages() throws Exception {
        SensitiveHeaders.add(SEAL_HEADER);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        Appender<ILoggingEvent> console = root.getAppender("STDERR");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.detachAppender(console);
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);

        Sdk sdk = new Sdk();
        NexusTelemetry telemetry = NexusTelemetry.create(sdk.otel);
        TracedServiceImpl impl = new TracedServiceImpl();
        CallbackSecrets secrets = CallbackSecrets.create();
        BlockingQueue<ReceivedCompletion> received = new LinkedBlockingQueue<>();
        HttpServer caller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        caller.createContext("/callbacks", CompletionReceiver.builder(received::add).verifier(secrets)
                .observer(telemetry.transportObserver()).build());
        caller.start();
        String callbackUrl = "http://127.0.0.1:" + caller.getAddress().getPort() + "/callbacks";
        CompletionSender sender = CompletionSender.builder().observer(telemetry.transportObserver())
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build()).build();
        NexusHttpServer server = NexusHttpServer.builder(NexusHandler.builder()
                        .middleware(MdcMiddleware.create())
                        .middleware(telemetry.middleware())
                        .middleware(loggingWhatHandlersSee())
                        .authenticator(BearerTokenAuthenticator.create(Map.of(TOKEN, "caller")))
                        .service(impl)
                        .build())
                .observer(telemetry.transportObserver())
                .completionDelivery(sender)
                .closeEndpointOnStop(true)
                .start();
        URI base = server.baseUri();
        String credential;
        try {
            ServiceClient<TracedService> traced = NexusHttpClient.builder(base)
                    .header("Authorization", "Bearer " + TOKEN)
                    .header(SEAL_HEADER, SEAL)
                    .callbackSecrets(secrets)
                    .observer(telemetry.transportObserver())
                    .build().client(TracedService.class);
            assertEquals("hi", traced.execute(TracedService::echo, "hi"));
            assertThrows(HandlerException.class, () -> traced.execute(TracedService::echo, "boom"));
            HandlerException refused = assertThrows(HandlerException.class, () -> NexusHttpClient.builder(base)
                    .header("Authorization", "Bearer " + TOKEN + "-old").build().client(TracedService.class)
                    .execute(TracedService::echo, "hi"));
            assertEquals(HandlerException.ErrorType.UNAUTHENTICATED, refused.type());

            String token = traced.start(TracedService::job, "work", CallOptions.builder().callbackUrl(callbackUrl)
                    .callbackHeader(SEAL_HEADER, SEAL).build()).handle().token();
            impl.complete(token, "done").toCompletableFuture().get(5, TimeUnit.SECONDS);
            ReceivedCompletion completion = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(completion);
            credential = completion.headers().get(CallbackSecrets.HEADER);
            assertNotNull(credential);
            LOG.debug("received {}", completion);
            // a replay is acknowledged without delivery; a forged credential is refused
            sender.deliver(callbackUrl, Headers.of(CallbackSecrets.HEADER, credential, SEAL_HEADER, SEAL),
                    OperationCompletion.succeeded(token, Content.empty(), null)).get(5, TimeUnit.SECONDS);
            ExecutionException forged = assertThrows(ExecutionException.class, () -> sender.deliver(callbackUrl,
                    Headers.of(CallbackSecrets.HEADER, credential + "A"), OperationCompletion.succeeded(token,
                            Content.empty(), null)).get(5, TimeUnit.SECONDS));
            LOG.debug("forged delivery failed", forged.getCause());
            // an invalid header says which, not what
            IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                    () -> NexusHttpClient.builder(base).header("Authorization", "Bearer " + TOKEN + "\n"));
            LOG.debug("invalid header", invalid);
        } finally {
            server.close();
            sender.close();
            caller.stop(0);
            root.setLevel(level);
            root.detachAppender(captured);
            root.addAppender(console);
        }

        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : captured.list) {
            all.append(e.getFormattedMessage()).append(e.getMDCPropertyMap()).append('\n');
            if (e.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        List<SpanData> spans = sdk.spans.getFinishedSpanItems();
        spans.forEach(s -> all.append(s).append('\n'));
        sdk.metrics.collectAllMetrics().forEach(m -> all.append(m).append('\n'));
        sdk.close();

        String text = all.toString();
        assertTrue(captured.list.size() > 10, "DEBUG logging was captured: " + captured.list.size());
        assertFalse(spans.isEmpty());
        assertTrue(text.contains("authorization=" + SensitiveHeaders.REDACTED), "headers were logged, redacted");
        assertTrue(text.contains(MdcMiddleware.CALLER.replace("nexus.", "")), "the MDC was captured");
        String mac = credential.substring(credential.lastIndexOf('.') + 1);
        for (String secret : List.of(TOKEN, SEAL, credential, mac)) {
            assertFalse(text.contains(secret), () -> "a secret reached the captured output: " + secret);
        }
    }
}
