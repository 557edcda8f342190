package nexusrpc.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.HandlerException;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.spring.NexusHttpServerCustomizer;
import nexusrpc.spring.autoconfigure.NexusHttpHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code nexus.http.*}: the server the context starts, serves on, reports the health of and drains. */
class HttpServerTest {
    /**
     * Runs what blocks while the test goes on. Not the common pool (CompletableFuture's default): with 2 CPUs it has
     * one thread, and from JDK 25 no thread-per-task fallback, so two blocking tasks would run one after the other.
     */
    private static final java.util.concurrent.ExecutorService ASYNC =
            java.util.concurrent.Executors.newCachedThreadPool(task -> {
                Thread t = new Thread(task, "test-async");
                t.setDaemon(true);
                return t;
            });

    private static final String[] RANDOM_PORT = {"nexus.http.enabled=true", "nexus.http.port=0"};

    @Test
    void servesBothServicesOnARandomPortToTheTypedClientThroughTheAspect() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class).withPropertyValues(RANDOM_PORT)
                .run(context -> {
                    NexusHttpServer server = context.getBean(NexusHttpServer.class);
                    int port = context.getEnvironment().getProperty("local.nexus.http.port", Integer.class);
                    assertThat(port).isPositive().isEqualTo(server.address().getPort());

                    NexusHttpClient http = NexusHttpClient.create(URI.create("http://127.0.0.1:" + port + "/"));
                    ServiceClient<Greeter> greeter = http.client(Greeter.class);
                    CountingAspect aspect = context.getBean(CountingAspect.class);
                    for (int call = 1; call <= 3; call++) {
                        assertThat(greeter.execute(Greeter::greet, "bo")).isEqualTo("hello bo");
                        assertThat(aspect.calls("greet")).as("aspect runs after call %d", call).isEqualTo(call);
                    }
                    assertThat(http.client(Counter.class).execute(Counter::next, "x")).isEqualTo(1);
                });
    }

    @Test
    void thePropertiesReachTheServer() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class).withPropertyValues(RANDOM_PORT)
                .withPropertyValues("nexus.http.base-path=/nexus/v1", "nexus.http.threads=3",
                        "nexus.http.queue-capacity=7", "nexus.http.max-body-size=64KB",
                        "nexus.http.max-long-poll-wait=5s", "nexus.http.drain-timeout=1500ms",
                        "nexus.http.backlog=12", "nexus.http.callback.allowed-schemes=https",
                        "nexus.http.callback.allowed-hosts=callbacks.example.com,*.corp.example",
                        "nexus.http.callback.deny-private-addresses=true")
                .run(context -> {
                    NexusHttpServer server = context.getBean(NexusHttpServer.class);
                    NexusHttpServer.Config config = server.config();
                    assertThat(config.address().getAddress().isLoopbackAddress()).isTrue();
                    assertThat(config.basePath()).isEqualTo("/nexus/v1");
                    assertThat(config.threads()).isEqualTo(3);
                    assertThat(config.queueCapacity()).isEqualTo(7);
                    assertThat(config.maxBodySize()).isEqualTo(64 * 1024);
                    assertThat(config.maxLongPollWait()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.drainTimeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(config.backlog()).isEqualTo(12);
                    assertThat(config.callbackUrlPolicy().toString())
                            .contains("schemes=[https]", "callbacks.example.com", "*.corp.example", "denyPrivate=true");
                    assertThatThrownBy(() -> config.callbackUrlPolicy().check("https://elsewhere.example.org/cb"))
                            .hasMessageContaining("not in the allowed hosts");
                    assertThat(server.baseUri().getPath()).isEqualTo("/nexus/v1/");
                    assertThat(NexusHttpClient.create(server.baseUri()).client(Greeter.class)
                            .execute(Greeter::greet, "cy")).isEqualTo("hello cy");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class ShortDrain {
        @Bean
        NexusHttpServerCustomizer shortDrain() {
            return builder -> builder.drainTimeout(Duration.ofSeconds(15));
        }
    }

    @Test
    void closingTheContextDrainsTheCallsInFlight() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class, ShortDrain.class)
                .withPropertyValues(RANDOM_PORT).run(context -> {
                    NexusHttpServer server = context.getBean(NexusHttpServer.class);
                    assertThat(server.config().drainTimeout()).as("customizer applied").hasSeconds(15);
                    URI base = server.baseUri();
                    GreeterImpl greeter = context.getBean(GreeterImpl.class);
                    ServiceClient<Greeter> client = NexusHttpClient.builder(base).retryPolicy(RetryPolicy.none())
                            .build().client(Greeter.class);
                    CallOptions patient = CallOptions.builder().timeout(Duration.ofSeconds(30)).build();
                    CompletableFuture<String> slow =
                            CompletableFuture.supplyAsync(() -> call(client, "slow", patient), ASYNC);
                    assertThat(greeter.awaitSlowCall()).isTrue();

                    CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close, ASYNC);
                    // while the call runs the context waits, and the server turns new calls away
                    HandlerException refused = awaitRefusal(client);
                    assertThat(refused.type()).isEqualTo(HandlerException.ErrorType.UNAVAILABLE);
                    assertThat(closed).isNotDone();
                    assertThat(slow).isNotDone();

                    greeter.releaseSlowCalls();
                    assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("finished slow");
                    closed.get(10, TimeUnit.SECONDS);
                    assertThat(context.isActive()).isFalse();
                });
    }

    private static String call(ServiceClient<Greeter> client, String input, CallOptions options) {
        try {
            return client.execute(Greeter::slow, input, options);
        } catch (nexusrpc.api.OperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls until the draining server refuses (it stops accepting right after the context begins to close). */
    private static HandlerException awaitRefusal(ServiceClient<Greeter> client) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            try {
                client.execute(Greeter::greet, "late");
            } catch (HandlerException e) {
                return e;
            } catch (nexusrpc.api.OperationException e) {
                throw new AssertionError(e);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server kept accepting calls while the context closed");
    }

    @Test
    void healthIsUpWhileServingAndOutOfServiceOnceStopped() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class).withPropertyValues(RANDOM_PORT)
                .run(context -> {
                    NexusHttpHealthIndicator indicator = context.getBean(NexusHttpHealthIndicator.class);
                    Health up = indicator.health();
                    assertThat(up.getStatus()).isEqualTo(Status.UP);
                    assertThat(up.getDetails()).containsEntry("baseUri",
                            context.getBean(NexusHttpServer.class).baseUri().toString());

                    ((ConfigurableApplicationContext) context).stop();
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                });
    }

    @Test
    void healthCanBeTurnedOff() {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class).withPropertyValues(RANDOM_PORT)
                .withPropertyValues("management.health.nexus.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NexusHttpHealthIndicator.class));
    }
}
