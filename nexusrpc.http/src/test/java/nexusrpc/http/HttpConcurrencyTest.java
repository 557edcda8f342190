package nexusrpc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.testservice.Echo;
import nexusrpc.http.testservice.JobInput;
import nexusrpc.http.testservice.TestService;
import nexusrpc.http.testservice.TestServiceImpl;
import org.junit.jupiter.api.Test;

/** Hundreds of parallel callers, thousands of requests: every answer correct, none lost. */
class HttpConcurrencyTest {
    private static final int CALLERS = 200;
    private static final int CALLS_PER_CALLER = 20;
    private static final int CLIENTS = 16;

    @Test
    void everyConcurrentCallGetsItsOwnAnswer() throws Exception {
        try (NexusHttpServer server = NexusHttpServer.start(
                NexusHandler.builder().service(new TestServiceImpl(null)).build(),
                new InetSocketAddress("127.0.0.1", 0))) {
            List<ServiceClient<TestService>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(NexusHttpClient.create(server.baseUri()).client(TestService.class));
            }
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger ok = new AtomicInteger();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                int caller = c;
                ServiceClient<TestService> svc = clients.get(c % CLIENTS);
                done.add(callers.submit(() -> {
                    go.await();
                    for (int i = 0; i < CALLS_PER_CALLER; i++) {
                        String expected = "caller-" + caller + "-call-" + i;
                        Echo out;
                        if (i % 10 == 9) {
                            // one call in ten is asynchronous: start, then long-poll for the result
                            out = svc.execute(TestService::job, new JobInput(expected, "succeed", 5L));
                        } else {
                            out = svc.execute(TestService::echo, new Echo(expected));
                        }
                        if (expected.equals(out.message())) {
                            ok.incrementAndGet();
                        } else {
                            wrong.add(expected + " -> " + out.message());
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
            callers.shutdown();
            assertTrue(wrong.isEmpty(), "wrong answers: " + wrong);
            assertEquals(CALLERS * CALLS_PER_CALLER, ok.get());
            assertTrue(server.stop(Duration.ofSeconds(5)));
        }
    }
}
