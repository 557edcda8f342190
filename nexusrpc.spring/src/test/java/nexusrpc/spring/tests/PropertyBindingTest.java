package nexusrpc.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A wrong {@code nexus.*} value stops the start-up with a message that names the property. */
class PropertyBindingTest {
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        // values Spring cannot convert: its binder names the property
        "nexus.http.port               | eighty        | nexus.http.port",
        "nexus.http.drain-timeout      | soon          | nexus.http.drain-timeout",
        "nexus.http.max-body-size      | big           | nexus.http.max-body-size",
        "nexus.handler.include-stack-traces | maybe    | nexus.handler.include-stack-traces",
        // values of the right type that the SDK refuses: the records' checks name the property
        "nexus.http.port               | 70000         | nexus.http.port must be between 0 and 65535",
        "nexus.http.threads            | 0             | nexus.http.threads must be at least 1",
        "nexus.http.queue-capacity     | -1            | nexus.http.queue-capacity must be at least 1",
        "nexus.http.max-body-size      | 3GB           | nexus.http.max-body-size must be between",
        "nexus.http.drain-timeout      | -1s           | nexus.http.drain-timeout must be zero or positive",
        "nexus.http.max-long-poll-wait | -5s           | nexus.http.max-long-poll-wait must be zero or positive",
        "nexus.http.backlog            | -3            | nexus.http.backlog must be zero or positive",
        "nexus.http.host               | ' '           | nexus.http.host is empty",
        "nexus.http.callback.allowed-schemes | ftp     | nexus.http.callback.allowed-schemes: callback scheme \"ftp\"",
        // checked by the server's own rules when it is built
        "nexus.http.base-path          | /a b          | nexus.http.base-path: base path segment \"a b\"",
    })
    void aWrongValueStopsTheStartUpNamingTheProperty(String property, String value, String expected) {
        assertStartUpFails(TestApps.runner().withUserConfiguration(TestApps.TwoServices.class)
                .withPropertyValues("nexus.http.enabled=true", "nexus.http.port=0"), property + "=" + value, expected);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "nexus.temporal.pollers            | 0     | nexus.temporal.pollers must be at least 1",
        "nexus.temporal.max-concurrent-tasks | 1   | nexus.temporal.max-concurrent-tasks (1) must be at least nexus.temporal.pollers (2)",
        "nexus.temporal.shutdown-timeout   | -1s   | nexus.temporal.shutdown-timeout must be zero or positive",
        "nexus.temporal.shutdown-timeout   | later | nexus.temporal.shutdown-timeout",
        "nexus.temporal.task-queues        | a,b,a | nexus.temporal.task-queues names a task queue twice",
        "nexus.temporal.workflow-task-queue | ' '  | nexus.temporal.workflow-task-queue is empty",
    })
    void aWrongTemporalValueStopsTheStartUpNamingTheProperty(String property, String value, String expected) {
        assertStartUpFails(TestApps.runner()
                .withUserConfiguration(TestApps.TwoServices.class, TestApps.UnusedWorkflowClient.class),
                property + "=" + value, expected);
    }

    private static void assertStartUpFails(ApplicationContextRunner runner, String propertyValue, String expected) {
        runner.withPropertyValues(propertyValue).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).anySatisfy(m -> assertThat(m).contains(expected));
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "nexus.http.drain-timeout | 500ms",
        "nexus.http.drain-timeout | 0",
        "nexus.http.max-body-size | 0B",
        "nexus.http.max-body-size | 2047MB",
        "nexus.http.port          | 0",
    })
    void valuesAtTheEdgesAreAccepted(String property, String value) {
        TestApps.runner().withUserConfiguration(TestApps.TwoServices.class)
                .withPropertyValues("nexus.http.enabled=true", "nexus.http.port=0", property + "=" + value)
                .run(context -> assertThat(context).hasNotFailed());
    }

    /** Every message of the cause chain, with the property names Spring's binding exceptions carry. */
    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            if (t instanceof org.springframework.boot.context.properties.bind.BindException bind) {
                messages.add(bind.getName().toString());
            }
        }
        return messages;
    }
}
