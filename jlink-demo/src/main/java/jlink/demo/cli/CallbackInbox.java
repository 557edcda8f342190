package jlink.demo.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nexusrpc.http.CompletionReceiver;
import nexusrpc.http.ReceivedCompletion;

/**
 * Receives completion callbacks as a Nexus caller would: the SDK's receiver on a local port. Used by the tour
 * (and by the demo's tests).
 */
public final class CallbackInbox implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<ReceivedCompletion> received = new LinkedBlockingQueue<>();

    /** Listens on a free loopback port. */
    public CallbackInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/callback", CompletionReceiver.create(received::add));
        server.start();
    }

    /** The URL to give as callback. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** The next completion, or {@code null} if none arrives within {@code wait}. */
    public ReceivedCompletion next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops listening. */
    @Override
    public void close() {
        server.stop(0);
    }
}
