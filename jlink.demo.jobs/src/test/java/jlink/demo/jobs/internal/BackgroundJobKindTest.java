package jlink.demo.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jlink.demo.jobs.BackgroundJob;
import jlink.demo.jobs.Job;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.handler.NexusHandler;
import nexusrpc.spi.OperationKind;
import org.junit.jupiter.api.Test;

/** Registration checks of the kind, and its declaration as a provider on both paths. */
public class BackgroundJobKindTest {
    /** A contract for shape checks. */
    @Service(name = "shapes")
    public interface Shapes {
        /** An operation. */
        @Operation
        Long count(String input);
    }

    /** Returns the output instead of a Job. */
    @ServiceImpl(Shapes.class)
    public static final class ReturnsOutput {
        /** Wrong shape. */
        @BackgroundJob
        public Long count(String input) {
            return 1L;
        }
    }

    /** Returns a Job of the wrong type and takes two inputs. */
    @ServiceImpl(Shapes.class)
    public static final class WrongTypes {
        /** Wrong shape. */
        @BackgroundJob
        public Job<String> count(Integer input) {
            return control -> "x";
        }
    }

    /** A nonsensical limit. */
    @ServiceImpl(Shapes.class)
    public static final class ZeroLimit {
        /** Wrong setting. */
        @BackgroundJob(maxRunning = 0)
        public Job<Long> count(String input) {
            return control -> 1L;
        }
    }

    /** A negative retention bound. */
    @ServiceImpl(Shapes.class)
    public static final class NegativeRetained {
        /** Wrong setting. */
        @BackgroundJob(maxRetained = -1)
        public Job<Long> count(String input) {
            return control -> 1L;
        }
    }

    /** Fits. */
    @ServiceImpl(Shapes.class)
    public static final class Fits {
        /** Right shape. */
        @BackgroundJob
        public Job<Long> count(String input) {
            return control -> 1L;
        }
    }

    private static NexusHandler build(Object impl) {
        return NexusHandler.builder().service(impl, MethodHandles.lookup()).build();
    }

    @Test
    void aMethodThatDoesNotReturnAJobIsRejectedWithWhatToReturn() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> build(new ReturnsOutput()));
        assertTrue(e.getMessage().contains("returns Job<java.lang.Long>"), e.getMessage());
    }

    @Test
    void inputAndOutputTypesMustBeTheContracts() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> build(new WrongTypes()));
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void settingsAreChecked() {
        InvalidContractException e = assertThrows(InvalidContractException.class, () -> build(new ZeroLimit()));
        assertTrue(e.getMessage().contains("maxRunning"), e.getMessage());
        InvalidContractException r = assertThrows(InvalidContractException.class,
                () -> build(new NegativeRetained()));
        assertTrue(r.getMessage().contains("maxRetained"), r.getMessage());
    }

    @Test
    void theEngineFindsTheKindWithServiceLoader() {
        // without the kind no registered kind claims @BackgroundJob and the build fails
        try (NexusHandler handler = NexusHandler.builder().service(new Fits(), MethodHandles.lookup()).build()) {
            assertEquals(List.of("shapes"), handler.services().stream().map(d -> d.name()).toList());
        }
    }

    @Test
    void theKindDeclaresTheSpiVersionItWasBuiltFor() {
        assertEquals(OperationKind.SPI_VERSION, new BackgroundJobKind().spiVersion());
    }

    @Test
    void theKindsPackageIsNotExported() {
        Module module = BackgroundJobKind.class.getModule();
        assertTrue(module.isExported("jlink.demo.jobs"));
        assertTrue(!module.isExported("jlink.demo.jobs.internal"), "only the annotation and job types are API");
    }

    @Test
    void theKindIsProvidedOnTheModulePathAndTheClassPath() throws IOException {
        ModuleDescriptor descriptor = BackgroundJobKind.class.getModule().getDescriptor();
        assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(OperationKind.class.getName())
                && p.providers().equals(List.of(BackgroundJobKind.class.getName()))), descriptor.toString());
        try (InputStream in = BackgroundJobKind.class.getModule()
                .getResourceAsStream("META-INF/services/" + OperationKind.class.getName())) {
            assertEquals(BackgroundJobKind.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
