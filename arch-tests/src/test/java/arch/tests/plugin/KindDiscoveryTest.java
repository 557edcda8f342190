package arch.tests.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import arch.tests.kind.EchoTwice;
import arch.tests.kind.internal.EchoTwiceOperationKind;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.spi.OperationKind;
import org.junit.jupiter.api.Test;

/**
 * A kind from a separate module (arch.tests, which reads only nexusrpc.spi) plugs into the engine with no change
 * to nexusrpc.handler. Runs twice: on the module path (found through {@code provides}) and on the class path
 * (found through {@code META-INF/services}); the pom tells each run which one it is.
 */
class KindDiscoveryTest {
    private static final String MODE = System.getProperty("arch.mode", "unset");

    @Test
    void runsInTheModeThePomAskedFor() {
        assertTrue(MODE.equals("module-path") || MODE.equals("class-path"), "arch.mode is " + MODE);
        boolean named = MODE.equals("module-path");
        assertEquals(named, KindDiscoveryTest.class.getModule().isNamed(), "test class module");
        assertEquals(named, NexusHandler.class.getModule().isNamed(), "engine module");
        assertEquals(named, EchoTwiceOperationKind.class.getModule().isNamed(), "kind module");
        if (named) {
            assertEquals("arch.tests", KindDiscoveryTest.class.getModule().getName());
            assertEquals("nexusrpc.handler", NexusHandler.class.getModule().getName());
            // the kind module is a real module that reads the SPI but not the engine
            Module kindModule = EchoTwiceOperationKind.class.getModule();
            assertTrue(kindModule.getDescriptor().requires().stream()
                    .noneMatch(r -> r.name().equals("nexusrpc.handler")), "arch.tests must not require the engine");
        }
    }

    @Test
    void serviceLoaderFindsTheBuiltInKindsAndThePluggedOne() {
        // a module may only load services it declares with 'uses'; the descriptor of the kind module rightly has
        // none, so the test (patched into it) adds one. On the class path this is a no-op.
        KindDiscoveryTest.class.getModule().addUses(OperationKind.class);
        Map<Class<? extends Annotation>, OperationKind> byAnnotation = ServiceLoader.load(OperationKind.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(OperationKind::annotation, k -> k));

        OperationKind echoTwice = byAnnotation.get(EchoTwice.class);
        OperationKind sync = byAnnotation.get(SyncOperation.class);
        OperationKind manual = byAnnotation.get(OperationImpl.class);
        assertNotNull(echoTwice, "the plugged kind was not found: " + byAnnotation);
        assertNotNull(sync, "the built-in sync kind was not found: " + byAnnotation);
        assertNotNull(manual, "the built-in manual kind was not found: " + byAnnotation);
        assertEquals(EchoTwiceOperationKind.class, echoTwice.getClass());
        if (MODE.equals("module-path")) {
            assertEquals("nexusrpc.handler", sync.getClass().getModule().getName());
            assertEquals("nexusrpc.handler", manual.getClass().getModule().getName());
            assertEquals("arch.tests", echoTwice.getClass().getModule().getName());
        } else {
            assertFalse(sync.getClass().getModule().isNamed());
            assertFalse(echoTwice.getClass().getModule().isNamed());
        }
    }

    @Test
    void theEngineServesAnOperationOfThePluggedKind() throws OperationException {
        ServiceClient<WordService> words = NexusTestHarness.of(new WordServiceImpl()).client(WordService.class);

        assertEquals("nexus nexus", words.execute(WordService::twice, " nexus "));
        assertEquals("NEXUS", words.execute(WordService::upper, "nexus"));
        assertEquals("suxen", words.execute(WordService::reverse, "nexus"));
    }

    @Test
    void middlewareWrapsOperationsOfThePluggedKind() throws OperationException {
        List<String> seen = new CopyOnWriteArrayList<>();
        NexusHandler handler = NexusHandler.builder()
                .service(new WordServiceImpl())
                .middleware((service, operation, next) -> (ctx, options, input) -> {
                    seen.add(service.name() + "/" + operation.name());
                    StartResult<Object> result = next.start(ctx, options, input);
                    return StartResult.sync("<" + ((StartResult.Sync<Object>) result).value() + ">");
                })
                .build();
        ServiceClient<WordService> words = NexusTestHarness.of(handler).client(WordService.class);

        assertEquals("<go go>", words.execute(WordService::twice, "go"));
        assertEquals(List.of("words/twice"), seen);
    }

    @Test
    void withoutDiscoveryNoKindClaimsTheMethods() {
        NexusHandler.Builder builder = NexusHandler.builder().discoverPlugins(false).service(new WordServiceImpl());

        InvalidContractException e = assertThrows(InvalidContractException.class, builder::build);

        assertTrue(e.problems().stream().anyMatch(p -> p.contains("operation \"twice\"")), e.getMessage());
    }

    @Test
    void thePluggedKindReportsAMethodThatDoesNotFitWithItsName() {
        NexusHandler.Builder builder = NexusHandler.builder().service(new MisfitWordServiceImpl());

        InvalidContractException e = assertThrows(InvalidContractException.class, builder::build);

        assertTrue(e.problems().contains("MisfitWordServiceImpl.twice must have the shape String twice(String input)"
                + " to be an @EchoTwice operation"), e.getMessage());
    }

    @Test
    void twoKindsClaimingOneMethodIsARegistrationError() {
        NexusHandler.Builder builder = NexusHandler.builder().service(new DoublyClaimedWordServiceImpl());

        InvalidContractException e = assertThrows(InvalidContractException.class, builder::build);

        String problem = e.problems().stream().filter(p -> p.startsWith("DoublyClaimedWordServiceImpl.twice"))
                .findFirst().orElseThrow(() -> new AssertionError(e.getMessage()));
        assertTrue(problem.contains("claimed by 2 operation kinds"), problem);
        assertTrue(problem.contains("@EchoTwice"), problem);
        assertTrue(problem.contains("@SyncOperation"), problem);
    }
}
