package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import nexusrpc.handler.NexusHandler;
import org.junit.jupiter.api.Test;
import temporal.nexus.TemporalNexusWorker;
import temporal.nexus.tests.Callers.Call;

/**
 * Runs in both Surefire executions: on the module path (temporal.nexus a named module, Temporal the merged
 * temporal.sdk module, kinds found through {@code provides}) and on the class path (kinds found through
 * META-INF/services). Each execution says which mode it expects, so a silent fall-back to the other is caught.
 */
class ClassPathSmokeTest {
    @Test
    void runsInTheExpectedModeAndServesATemporalCaller() {
        String mode = System.getProperty("temporal.nexus.expected.mode", "unset");
        Module module = TemporalNexusWorker.class.getModule();
        if (mode.equals("module")) {
            assertEquals("temporal.nexus", module.getName());
            assertEquals("temporal.sdk", WorkflowClient.class.getModule().getName(), "Temporal is the merged module");
        } else {
            assertEquals("class", mode, "the Surefire execution must say which mode it runs in");
            assertFalse(module.isNamed(), "on the class path temporal.nexus is in the unnamed module");
        }
        // both kinds and the official-annotation contract reader must be found by ServiceLoader in this mode
        NexusHandler handler = NexusHandler.builder().service(new GreetingImpl()).service(new OfficialGreetingImpl())
                .build();
        try (TemporalFixture fx = new TemporalFixture("smoke")) {
            fx.serve(handler, fx.taskQueue);
            assertEquals("ok:hello smoke", fx.call(Call.of(fx.endpoint, "hello-workflow", "smoke")));
            assertTrue(fx.caller(Callers.TypedCaller.class).call(fx.endpoint, "kim").startsWith("KIM! / "));
        }
    }
}
