package worker.images.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import nexusrpc.http.NexusHttpServer;
import worker.images.service.EchoServiceImpl;

/**
 * {@code bin/http-worker [--host H] [--port N]}: serves {@code echo} over HTTP with the JDK's engine (default
 * {@code 127.0.0.1:8080}; {@code --port 0} picks a free port), prints its URL on the first line of stdout, and stops
 * cleanly on SIGTERM or Ctrl-C.
 */
public final class HttpWorker {
    static final String USAGE =
            "Usage: http-worker [--host H] [--port N]  (default 127.0.0.1 8080; 0 picks a free port)";

    private HttpWorker() {}

    /**
     * Serves until the process is stopped; exits 2 on a wrong command line, 4 when the address cannot be bound.
     *
     * @param args {@code --host H} and {@code --port N}, both optional
     * @throws InterruptedException never in practice: the main thread waits for the shutdown hook
     */
    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 == args.length || !(option.equals("--host") || option.equals("--port"))) {
                System.err.println("http-worker: unexpected \"" + option + "\"\n" + USAGE);
                System.exit(2);
            }
            String value = args[++i];
            if (option.equals("--host")) {
                host = value;
            } else {
                port = port(value);
            }
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            System.err.println("http-worker: --host \"" + host + "\" does not resolve to an address of this machine");
            System.exit(2);
        }
        NexusHttpServer server;
        try {
            server = NexusHttpServer.start(EchoServiceImpl.handler(), address);
        } catch (UncheckedIOException e) {
            System.err.println("http-worker: cannot listen on " + host + ":" + port + ": " + cause(e)
                    + "; choose another --port (0 picks a free one)");
            System.exit(4);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.err.println("http-worker: stopped serving " + server.baseUri());
            stopped.countDown();
        }, "http-worker-shutdown"));
        // the first line is the URL: scripts and tests wait for it
        System.out.println("Serving Nexus service echo on " + server.baseUri());
        System.out.flush();
        stopped.await();
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("http-worker: --port takes a number from 0 to 65535, got \"" + text + "\"");
        System.exit(2);
        return -1;
    }

    private static String cause(UncheckedIOException e) {
        IOException io = e.getCause();
        return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    }
}
