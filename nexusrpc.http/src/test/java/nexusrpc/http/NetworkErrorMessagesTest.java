package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.http.internal.NetworkErrors;
import org.junit.jupiter.api.Test;

/**
 * Network failures are named for what they are, with the address and what to check: the JDK's HTTP client reports a
 * refused connection with no message at all, which used to read "...: null".
 */
class NetworkErrorMessagesTest {
    private static final URI TARGET = URI.create("http://callee.example:8080/nexus/");

    @Test
    void aRefusedConnectionIsNamedWithItsAddressInTheClientsError() throws Exception {
        int port = closedPort();
        NexusHttpClient client = NexusHttpClient.create(URI.create("http://127.0.0.1:" + port + "/"));

        StartOutcome outcome = client.start(StartRequest.builder("svc", "op").build());

        HandlerError e = assertInstanceOf(HandlerError.class, outcome, outcome::toString);
        assertEquals("cannot connect to http://127.0.0.1:" + port + "/ for the start of svc/op: connection refused by"
                + " 127.0.0.1:" + port + ": is the server running, and listening on that port?", e.failure().message());
    }

    @Test
    void aRefusedConnectionIsNamedWithItsAddressInTheSendersError() throws Exception {
        int port = closedPort();
        try (CompletionSender sender = CompletionSender.builder().retryPolicy(RetryPolicy.none()).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> sender.deliver(
                    "http://127.0.0.1:" + port + "/callback", Headers.of(),
                    OperationCompletion.succeeded("token-1", Content.empty(), Instant.now()))
                    .get(10, TimeUnit.SECONDS));

            CompletionDeliveryException d = assertInstanceOf(CompletionDeliveryException.class, e.getCause());
            assertEquals("the succeeded completion of operation token-1 was not delivered to http://127.0.0.1:" + port
                    + "/callback: the receiver could not be reached: connection refused by 127.0.0.1:" + port
                    + ": is the server running, and listening on that port? (gave up after 1 attempts over ",
                    d.getMessage().substring(0, d.getMessage().indexOf("over ") + 5));
        }
    }

    @Test
    void eachKindOfFailureIsSaidInWords() {
        // what java.net.http throws, as it throws it
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());

        assertEquals("connection refused by callee.example:8080: is the server running, and listening on that port?",
                NetworkErrors.describe(new CompletionException(refused), TARGET));
        assertEquals("the host name \"callee.example\" cannot be resolved: check the URL",
                NetworkErrors.describe(unresolved, TARGET));
        assertEquals("no connection to callee.example:8080 within the connect timeout: is the host up, and does a"
                + " firewall let the connection through?",
                NetworkErrors.describe(new HttpConnectTimeoutException("HTTP connect timed out"), TARGET));
        assertEquals("the connection to callee.example:443 was reset by the server before it answered (did it"
                + " restart or drop the request?)", NetworkErrors.describe(new IOException("Connection reset"),
                        URI.create("https://callee.example/")));
        assertEquals("the server at callee.example:8080 closed the connection before it answered",
                NetworkErrors.describe(new EOFException("EOF reached while reading"), TARGET));
        assertEquals("cannot connect to callee.example:8080: Network is unreachable",
                NetworkErrors.describe(new ConnectException("Network is unreachable"), TARGET));
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
