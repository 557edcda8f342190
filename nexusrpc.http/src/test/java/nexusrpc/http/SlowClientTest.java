package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.http.testservice.Echo;
import nexusrpc.http.testservice.JobInput;
import nexusrpc.http.testservice.TestService;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 7: slow headers, slow bodies, many idle connections and long polls at once, on loopback, for a
 * few seconds. Normal calls keep their latency on the production engine (Jetty) and stay bounded by the request
 * read time limit on the JDK engine, whose threads read requests. The figures are printed (the test's output file).
 */
class SlowClientTest {
    private static final int SLOW_HEADERS = 16;
    private static final int SLOW_BODIES = 16;
    private static final int IDLE = 200;
    private static final int LONG_POLLS = 16;
    private static final int CALLS = 20;

    @Test
    void normalCallsKeepTheirLatencyUnderSlowAndIdleClients() throws Exception {
        TestServiceImpl impl = new TestServiceImpl(null);
        List<Socket> sockets = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pollers = Executors.newFixedThreadPool(LONG_POLLS);
        try (NexusHttpServer server = NexusHttpServer.builder(NexusHandler.builder().service(impl).build())
                .requestReadTimeout(Duration.ofSeconds(1))
                .start()) {
            boolean jdk = server.config().engine().equals(NexusHttpServer.JDK_ENGINE);
            URI base = server.baseUri();
            NexusHttpClient client = NexusHttpClient.create(base);
            ServiceClient<TestService> svc = client.client(TestService.class);
            long[] quiet = calls(svc);

            for (int i = 0; i < IDLE; i++) {
                sockets.add(new Socket(base.getHost(), base.getPort()));
            }
            List<OutputStream> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_HEADERS; i++) {
                Socket s = new Socket(base.getHost(), base.getPort());
                sockets.add(s);
                s.getOutputStream().write(ascii("POST /test-service/echo HTTP/1.1\r\nHost: x\r\nX-Slow: "));
                slow.add(s.getOutputStream());
            }
            for (int i = 0; i < SLOW_BODIES; i++) {
                Socket s = new Socket(base.getHost(), base.getPort());
                sockets.add(s);
                s.getOutputStream().write(ascii("POST /test-service/echo HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + "application/json\r\nContent-Length: 1000\r\n\r\n{\"message\":\""));
                slow.add(s.getOutputStream());
            }
            trickle.scheduleAtFixedRate(() -> {
                for (OutputStream out : slow) {
                    try {
                        out.write('a');
                        out.flush();
                    } catch (IOException e) {
                        // cut by the server: what the read time limit is for
                    }
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            List<Future<?>> polls = new ArrayList<>();
            for (int i = 0; i < LONG_POLLS; i++) {
                String token = svc.start(TestService::job, new JobInput("p" + i, "hold", null)).handle().token();
                polls.add(pollers.submit(() -> client.fetchResult(
                        TokenRequest.builder("test-service", "job", token).build(), Duration.ofSeconds(3))));
            }
            Thread.sleep(300);
            long[] loaded = calls(svc);
            System.out.printf("engine %s: %d slow-header, %d slow-body, %d idle connections, %d long polls;"
                    + " %d sequential calls, quiet: median %d ms max %d ms; loaded: median %d ms max %d ms%n",
                    server.config().engine(), SLOW_HEADERS, SLOW_BODIES, IDLE, LONG_POLLS, CALLS,
                    quiet[CALLS / 2], quiet[CALLS - 1], loaded[CALLS / 2], loaded[CALLS - 1]);
            if (jdk) {
                // a slow client holds a JDK thread until the read limit (1 s here) cuts it: 32 of them on 16
                // threads delay a call by two rounds at most
                assertTrue(loaded[CALLS - 1] < 4000, "max " + loaded[CALLS - 1] + " ms");
            } else {
                assertTrue(loaded[CALLS - 1] < 1000, "max " + loaded[CALLS - 1] + " ms");
            }
            trickle.shutdownNow();
            for (Future<?> f : polls) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            trickle.shutdownNow();
            pollers.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** Sorted latencies of sequential echo calls, in ms. */
    private static long[] calls(ServiceClient<TestService> svc) throws Exception {
        long[] ms = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long t0 = System.nanoTime();
            Echo out = svc.execute(TestService::echo, new Echo("c" + i));
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("c" + i, out.message());
        }
        Arrays.sort(ms);
        return ms;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
