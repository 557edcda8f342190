package jlink.demo.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Test
    void aMethodThatDoesNotReturnAJobIsRejectedWithWhatToReturn() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().service(new ReturnsOutput()).build());
        assertTrue(e.getMessage().contains("returns Job<java.lang.Long>"), e.getMessage());
    }

    @Test
    void inputAndOutputTypesMustBeTheContracts() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().service(new WrongTypes()).build());
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void settingsAreChecked() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().service(new ZeroLimit()).build());
        assertTrue(e.getMessage().contains("maxRunning"), e.getMessage());
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
