package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.handler.tests.Payloads.EchoInput;
import nexusrpc.handler.tests.Payloads.HelloInput;
import org.junit.jupiter.api.Test;

/** One handler (and one client) serves many threads at once; every answer belongs to its own request. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS = 400;

    @Test
    void manyThreadsDispatchThroughOneHandler() throws Exception {
        Jobs jobs = new Jobs();
        NexusHandler handler = NexusHandler.builder().service(new MyNexusServiceSyncImpl())
                .service(new JobServiceImpl(jobs)).build();
        ServiceClient<MyNexusService> client = NexusTestHarness.of(handler).client(MyNexusService.class);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit((Callable<Integer>) () -> {
                    go.await();
                    int checked = 0;
                    for (int i = 0; i < CALLS; i++) {
                        String id = thread + "-" + i;
                        switch (i % 4) {
                            case 0 -> assertEquals(id, client.execute(MyNexusService::echo, new EchoInput(id))
                                    .message());
                            case 1 -> assertEquals(i * i, (int) client.execute(MyNexusService::square, i));
                            case 2 -> assertEquals("hello " + id, client.execute(MyNexusService::hello,
                                    new HelloInput(id, 1)).greeting());
                            default -> {
                                StartOutcome.Async started = assertInstanceOf(StartOutcome.Async.class,
                                        handler.start(Requests.start("jobs", "run", "{\"name\":\"" + id + "\"}")));
                                jobs.complete(started.token(), "done " + id);
                                FetchResultOutcome.Ready ready = assertInstanceOf(FetchResultOutcome.Ready.class,
                                        handler.fetchResult(TokenRequest.builder("jobs", "run", started.token()).build(),
                                                Duration.ZERO));
                                assertEquals("{\"name\":\"" + id + "\",\"outcome\":\"done " + id + "\"}",
                                        Requests.text(ready.result()));
                            }
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(THREADS * CALLS, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
