package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.OperationKindAnnotation;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.handler.NexusHandler;
import org.junit.jupiter.api.Test;

/** A method carrying a kind annotation whose plugin is not installed is reported as such, not as unannotated. */
class UninstalledKindTest {
    /** A kind annotation no installed OperationKind claims. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @OperationKindAnnotation
    public @interface Queued {}

    @Service
    public interface Work {
        @Operation
        String queued(String in);

        @Operation
        String plain(String in);
    }

    @ServiceImpl(Work.class)
    public static final class WorkImpl {
        @Queued
        public String queued(String in) {
            return in;
        }

        public String plain(String in) {
            return in;
        }
    }

    @Test
    void namesTheMissingPluginInsteadOfAskingForAnAnnotation() {
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> NexusHandler.builder().service(new WorkImpl()).build());
        List<String> problems = e.problems().stream().sorted().toList();
        assertEquals(2, problems.size(), problems::toString);
        // a method without any kind annotation keeps the usual advice
        assertTrue(problems.get(0).startsWith("WorkImpl does not implement operation \"plain\" (contract method"
                + " plain): method plain has no operation-kind annotation; annotate it, e.g. "), problems::toString);
        assertTrue(problems.get(1).startsWith("WorkImpl does not implement operation \"queued\" (contract method"
                + " queued): method queued is annotated @Queued, but no installed operation kind serves it"
                + " (installed: "), problems::toString);
        assertTrue(problems.get(1).endsWith("): add the plugin that provides it to the module path or class path,"
                + " or register its OperationKind with NexusHandler.Builder.kind(...)"), problems.get(1));
    }
}
