package jlink.demo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import jlink.demo.services.DemoServices;
import jlink.demo.services.DemoTracing;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.TransportObserver;

/** {@code nexus-demo serve}: serves the demo services over HTTP until Ctrl-C or SIGTERM. */
final class ServeCommand {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final String USAGE = "Usage: nexus-demo serve [--port N] [--host H] [--trace]  (default " + DEFAULT_HOST
            + ":" + DEFAULT_PORT + "; --port 0 picks a free port; --trace prints each call's spans as a tree)";

    private final Transport transport;
    private final PrintStream out;
    private final PrintStream err;

    ServeCommand(Transport transport, PrintStream out, PrintStream err) {
        this.transport = transport;
        this.out = out;
        this.err = err;
    }

    Exit run(List<String> words) throws UsageException, InterruptedException {
        if (words.contains("--help") || words.contains("-h")) {
            out.println(USAGE);
            return Exit.OK;
        }
        List<String> options = new ArrayList<>(words);
        boolean trace = options.remove("--trace");
        Args a = Args.parse(options, Set.of("host", "port"));
        if (!a.positional().isEmpty()) {
            throw new UsageException("serve takes only --port and --host, got \"" + a.positional().get(0) + "\"");
        }
        String host = a.option("host", DEFAULT_HOST);
        int port = port(a.option("port", String.valueOf(DEFAULT_PORT)));
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UsageException("--host \"" + host + "\" does not resolve to an address of this machine");
        }
        DemoTracing tracing = null;
        if (trace) {
            tracing = ServiceLoader.load(DemoTracing.class).findFirst().orElse(null);
            if (tracing == null) {
                err.println("--trace needs the OpenTelemetry SDK, which the image carries in lib/trace: start the"
                        + " demo with the image's bin/nexus-demo, which puts it on the class path");
                return Exit.USAGE;
            }
        }
        NexusHandler handler = DemoServices.handler(tracing == null ? List.of() : List.of(tracing.middleware()));
        Transport.Server server;
        try {
            server = transport.serve(handler, address,
                    tracing == null ? TransportObserver.NONE : tracing.observer());
        } catch (IOException e) {
            err.println("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose another --port (0 picks a free one)");
            return Exit.UNREACHABLE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DemoTracing traced = tracing;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (traced != null) {
                traced.close();
            }
            err.println("nexus-demo: stopped serving " + server.url());
            stopped.countDown();
        }, "nexus-demo-shutdown"));
        out.println("Serving Nexus services " + String.join(", ", names(handler)) + " on " + server.url());
        out.println("Try:  nexus-demo call start greeting hello '{\"name\": \"Ada\"}' --endpoint " + server.url());
        if (tracing != null) {
            out.println("Tracing: every call served is printed below as a tree of its spans when it ends.");
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return Exit.OK;
    }

    private static List<String> names(NexusHandler handler) {
        return handler.services().stream().map(s -> s.name()).sorted().toList();
    }

    private static int port(String text) throws UsageException {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port takes a number from 0 to 65535, got \"" + text + "\"");
    }
}
