package jlink.demo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import jlink.demo.services.DemoServices;
import jlink.demo.services.DemoTracing;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.security.BearerTokenAuthenticator;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.transport.TransportObserver;
import nexusrpc.http.ServerTls;

/** {@code nexus-demo serve}: serves the demo services over HTTP until Ctrl-C or SIGTERM. */
final class ServeCommand {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final String USAGE = "Usage: nexus-demo serve [--port N] [--host H] [--engine jetty|jdk] [--trace]"
            + " [--tls-cert FILE --tls-key FILE [--client-ca FILE]] [--tokens-file FILE]"
            + "  (default " + DEFAULT_HOST + ":" + DEFAULT_PORT + "; --port 0 picks a free port; the HTTP engine:"
            + " Jetty, the production one, or the JDK's own; --trace prints each call's spans as a tree;"
            + " --tls-cert and --tls-key serve HTTPS with a PEM certificate chain and PKCS#8 key; --client-ca"
            + " requires client certificates issued by the CAs of that PEM file; --tokens-file lets in only callers"
            + " sending \"Authorization: Bearer TOKEN\" with a TOKEN of that file, one per line)";
    private static final String[] TLS_OPTIONS = {"tls-cert", "tls-key", "client-ca"};
    /** The JDK's rule for choosing a com.sun.net.httpserver engine: this property first, then the module path. */
    private static final String ENGINE_PROPERTY = "com.sun.net.httpserver.HttpServerProvider";
    private static final String JDK_ENGINE = "sun.net.httpserver.DefaultHttpServerProvider";

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
        Args a = Args.parse(options, Set.of("host", "port", "engine", "tls-cert", "tls-key", "client-ca",
                "tokens-file"));
        if (!a.positional().isEmpty()) {
            throw new UsageException("serve takes only options (--port, --host, --engine, --tls-cert, --tls-key,"
                    + " --client-ca, --tokens-file), got \"" + a.positional().get(0) + "\"");
        }
        TlsOptions tlsFiles = TlsOptions.read(a, TLS_OPTIONS);
        ServerTls tls = tlsFiles.any() ? tlsFiles.server() : null;
        String engine = a.option("engine", "jetty");
        if (engine.equals("jdk")) {
            // The image links Jetty's engine, which the JDK would find on the module path: the JDK's own is chosen
            // by the JDK's property, read when the first server is created (this application's choice, made before
            // any; the SDK itself sets no system property)
            System.setProperty(ENGINE_PROPERTY, JDK_ENGINE);
        } else if (!engine.equals("jetty")) {
            throw new UsageException("--engine takes jetty or jdk, got \"" + engine + "\"");
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
        String tokensFile = a.option("tokens-file", null);
        CallerAuthenticator tokens = tokensFile == null ? null : tokens(tokensFile);
        NexusHandler handler = DemoServices.handler(tracing == null ? List.of() : List.of(tracing.middleware()),
                tokens);
        Transport.Server server;
        try {
            TransportObserver observer = tracing == null ? TransportObserver.NONE : tracing.observer();
            server = tls == null ? transport.serve(handler, address, observer)
                    : transport.serve(handler, address, observer, tls);
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
        out.println("Serving Nexus services " + String.join(", ", names(handler)) + " on " + server.url() + " ("
                + com.sun.net.httpserver.spi.HttpServerProvider.provider().getClass().getName() + ")");
        out.println("Try:  nexus-demo call start greeting hello '{\"name\": \"Ada\"}' --endpoint " + server.url()
                + (tls == null ? "" : " --cacert CA.pem" + (tlsFiles.has("client-ca") ? " --cert CERT --key KEY" : "")
                + "  (CA.pem: the CA that issued " + a.option("tls-cert", "") + ")"));
        if (tracing != null) {
            out.println("Tracing: every call served is printed below as a tree of its spans when it ends.");
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return Exit.OK;
    }

    /**
     * The bearer tokens of {@code file}: one per line, blank lines and lines starting with # skipped; the caller of
     * the token on line N is named {@code token-N} (never the token itself, which must not reach logs).
     */
    static CallerAuthenticator tokens(String file) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("--tokens-file " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): give a readable text file with one"
                    + " bearer token per line");
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String token = lines.get(i).strip();
            if (!token.isEmpty() && !token.startsWith("#")) {
                tokens.put(token, "token-" + (i + 1));
            }
        }
        if (tokens.isEmpty()) {
            throw new UsageException("--tokens-file " + file + " has no token: write one bearer token per line");
        }
        return BearerTokenAuthenticator.create(tokens);
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
