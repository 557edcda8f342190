package nexusrpc.benchmarks.http;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nexusrpc.benchmarks.CpuTimeProfiler;
import nexusrpc.benchmarks.dispatch.EchoServiceImpl;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.NexusHttpServer;

/**
 * The server side of the HTTP benchmark, run in its own JVM so its CPU time can be measured apart from the
 * load driver's: {@code HttpEchoServer bare|ours|ours-jdkpool <threads>}.
 *
 * <p>Prints {@code READY <port> <path>} once serving. Then reads commands on standard input: {@code cpu}
 * answers {@code CPU <nanoseconds of CPU used by this JVM, JIT compiler threads left out>}, {@code jit} answers {@code JIT <milliseconds the JIT
 * compilers have worked so far>}; {@code stop} or end of input stops the server.
 * Start it with {@code -Dsun.net.httpserver.nodelay=true} (both variants), or every keep-alive response
 * stalls about 40 ms on Nagle's algorithm.
 */
public final class HttpEchoServer {
    private HttpEchoServer() {}

    /** Serves the chosen variant until told to stop. */
    public static void main(String[] args) throws IOException {
        String variant = args[0];
        int threads = Integer.parseInt(args[1]);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        AutoCloseable stopper;
        int port;
        String path;
        if (variant.equals("bare")) {
            HttpServer server = HttpServer.create(loopback, 0);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            server.createContext("/", new BareEchoHandler());
            server.setExecutor(pool);
            server.start();
            port = server.getAddress().getPort();
            path = "/echo-service/echo";
            stopper = () -> {
                server.stop(0);
                pool.shutdownNow();
            };
        } else if (variant.equals("ours") || variant.equals("ours-jdkpool")) {
            NexusHandler handler = NexusHandler.builder().service(new EchoServiceImpl()).build();
            NexusHttpServer.Builder builder = NexusHttpServer.builder(handler).address(loopback).threads(threads);
            // ours-jdkpool: the JDK's plain fixed pool, as the bare variant uses, instead of our bounded one
            ExecutorService pool = variant.equals("ours") ? null : Executors.newFixedThreadPool(threads);
            if (pool != null) {
                builder.executor(pool);
            }
            NexusHttpServer server = builder.start();
            port = server.address().getPort();
            path = server.baseUri().getPath() + "echo-service/echo";
            stopper = () -> {
                server.stop(Duration.ofSeconds(1));
                if (pool != null) {
                    pool.shutdownNow();
                }
            };
        } else {
            throw new IllegalArgumentException("unknown variant \"" + variant + "\": use bare, ours or ours-jdkpool");
        }
        System.out.println("READY " + port + " " + path);
        System.out.flush();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null && !line.equals("stop"); ) {
            if (line.equals("cpu")) {
                // JIT compiler threads left out, as in part 1: the one-off compile cost is not the steady state
                System.out.println("CPU " + (os.getProcessCpuTime() - CpuTimeProfiler.compilerCpuNanos()));
                System.out.flush();
            } else if (line.equals("jit")) {
                System.out.println("JIT " + ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
                System.out.flush();
            }
        }
        try {
            stopper.close();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly", e);
        }
    }
}
