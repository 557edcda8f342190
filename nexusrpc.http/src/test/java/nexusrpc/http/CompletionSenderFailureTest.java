package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.OperationCompletion;
import org.junit.jupiter.api.Test;

/** A completion whose sending fails in an unexpected way still settles its future: it is never lost. */
class CompletionSenderFailureTest {
    /** An HttpClient whose sendAsync throws at once instead of returning a future (as the JDK's does for some requests). */
    private static final class ThrowingClient extends HttpClient {
        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h) {
            throw new IllegalArgumentException("unsupported request");
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest r, HttpResponse.BodyHandler<T> h,
                HttpResponse.PushPromiseHandler<T> p) {
            throw new IllegalArgumentException("unsupported request");
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> h) throws IOException {
            throw new IOException("not used");
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            return null;
        }

        @Override
        public SSLParameters sslParameters() {
            return null;
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }

    @Test
    void aSendThatThrowsFailsTheFutureInsteadOfLosingTheCompletion() {
        try (CompletionSender sender = CompletionSender.builder().httpClient(new ThrowingClient()).build()) {
            CompletableFuture<Void> delivered = sender.deliver("http://127.0.0.1:1/callback", Headers.empty(),
                    OperationCompletion.succeeded("t-1", Content.empty(), null));
            ExecutionException e = assertThrows(ExecutionException.class, () -> delivered.get(30, TimeUnit.SECONDS));
            CompletionDeliveryException failure = assertInstanceOf(CompletionDeliveryException.class, e.getCause());
            assertTrue(failure.getMessage().contains("unsupported request"), failure.getMessage());
            assertEquals(0, sender.pending(), "a settled delivery is no longer pending");
        }
    }
}
