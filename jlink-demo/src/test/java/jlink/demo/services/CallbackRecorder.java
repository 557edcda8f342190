package jlink.demo.services;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nexusrpc.handler.http.CompletionReceiver;
import nexusrpc.handler.http.ReceivedCompletion;

/** A caller's callback endpoint: the SDK's receiver (which validates the wire format) on a local port. */
final class CallbackRecorder implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<ReceivedCompletion> received = new LinkedBlockingQueue<>();

    CallbackRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/done", CompletionReceiver.create(received::add));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/done";
    }

    /** The next callback; fails the test if none arrives in a generous time (the test never measures time). */
    ReceivedCompletion next() throws InterruptedException {
        ReceivedCompletion r = received.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no completion callback arrived");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
