package nexusrpc.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.spring.autoconfigure.temporal.TemporalNexusWorkers;
import nexusrpc.spring.autoconfigure.temporal.TemporalNexusWorkersHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A Spring Boot application with Temporal's own Spring Boot starter, run against Temporal's in-process test server
 * ({@code spring.temporal.test-server.enabled}): the starter makes the {@code WorkflowClient} and runs the
 * workflows; this module's auto-configuration serves the two service beans from a Temporal Nexus worker and over
 * HTTP.
 */
class TemporalStarterTest {
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

    private static final String ENDPOINT = "spring-endpoint";
    /** Temporal's workers (caller and backing workflows) and the Nexus worker poll the same task queue. */
    private static final String QUEUE = "spring-tq";

    /** The application: the two services of {@link TestApps.TwoServices} and a workflow-backed one. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestApps.TwoServices.class)
    static class App {
        @Bean
        WelcomeImpl welcome() {
            return new WelcomeImpl();
        }
    }

    private static ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).properties(
                "spring.main.web-application-type=none",
                "spring.main.banner-mode=off",
                "spring.main.log-startup-info=false",
                "spring.temporal.test-server.enabled=true",
                "spring.temporal.workers[0].task-queue=" + QUEUE,
                "spring.temporal.workers[0].workflow-classes[0]=" + Workflows.CallerWorkflowImpl.class.getName(),
                "spring.temporal.workers[0].workflow-classes[1]=" + Workflows.HelloWorkflowImpl.class.getName(),
                "nexus.temporal.task-queues=" + QUEUE,
                "nexus.temporal.shutdown-timeout=20s",
                "nexus.http.enabled=true",
                "nexus.http.port=0").run();
        // the endpoint Temporal callers name, routed to the Nexus worker's task queue
        context.getBean(TestWorkflowEnvironment.class).createNexusEndpoint(ENDPOINT, QUEUE);
        return context;
    }

    private static String callFromAWorkflow(WorkflowClient client, String service, String operation, String input) {
        return caller(client).call(ENDPOINT, service, operation, input);
    }

    private static Workflows.CallerWorkflow caller(WorkflowClient client) {
        return client.newWorkflowStub(Workflows.CallerWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId("caller-" + UUID.randomUUID()).build());
    }

    @Test
    void aTemporalWorkflowAndAnHttpClientCallTheBeans() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            WorkflowClient client = context.getBean(WorkflowClient.class);
            CountingAspect aspect = context.getBean(CountingAspect.class);
            TemporalNexusWorkers workers = context.getBean(TemporalNexusWorkers.class);
            assertThat(workers.workers()).singleElement()
                    .satisfies(w -> assertThat(w.config().taskQueue()).isEqualTo(QUEUE));
            assertThat(context.getBean(TemporalNexusWorkersHealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.UP);

            // a Temporal caller workflow -> endpoint -> our worker -> the proxied bean (the aspect runs once)
            assertThat(callFromAWorkflow(client, "greeter", "greet", "ann")).isEqualTo("hello ann");
            assertThat(aspect.calls("greet")).isEqualTo(1);
            // -> the workflow-backed operation: completes when HelloWorkflow does
            assertThat(callFromAWorkflow(client, "welcome", "hello", "ann")).isEqualTo("welcome ann");

            // the same beans over HTTP, with our typed client
            URI base = context.getBean(NexusHttpServer.class).baseUri();
            NexusHttpClient http = NexusHttpClient.create(base);
            assertThat(http.client(Greeter.class).execute(Greeter::greet, "bo")).isEqualTo("hello bo");
            assertThat(aspect.calls("greet")).isEqualTo(2);
            // started over HTTP, the workflow runs on nexus.temporal.workflow-task-queue; the client follows it
            assertThat(http.client(Welcome.class).execute(Welcome::hello, "bo")).isEqualTo("welcome bo");
        }
    }

    @Test
    void closingTheContextLetsARunningNexusTaskFinish() throws Exception {
        ConfigurableApplicationContext context = start();
        try {
            WorkflowClient client = context.getBean(WorkflowClient.class);
            GreeterImpl greeter = context.getBean(GreeterImpl.class);
            WorkflowStub call = WorkflowStub.fromTyped(caller(client));
            call.start(ENDPOINT, "greeter", "slow", "task");
            assertThat(greeter.awaitSlowCall()).as("the Nexus task reached the bean").isTrue();

            TemporalNexusWorkers workers = context.getBean(TemporalNexusWorkers.class);
            TemporalNexusWorkersHealthIndicator health = context.getBean(TemporalNexusWorkersHealthIndicator.class);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close, ASYNC);
            Thread.sleep(500);
            assertThat(closed).as("the context waits for the running task").isNotDone();
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(workers.workers()).allSatisfy(w -> assertThat(w.isTerminated()).isFalse());
            greeter.releaseSlowCalls();
            closed.get(20, TimeUnit.SECONDS);
            assertThat(workers.workers()).allSatisfy(w -> assertThat(w.isTerminated()).isTrue());
        } finally {
            context.close();
        }
    }
}
