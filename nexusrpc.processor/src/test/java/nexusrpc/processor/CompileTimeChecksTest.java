package nexusrpc.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.handler.NexusHandler;
import org.junit.jupiter.api.Test;

/**
 * The compile-time checker (the {@code processor} jar) reports what registration reports, as compiler errors on
 * the offending elements, all at once; valid services compile silently.
 */
class CompileTimeChecksTest {
    private static final String PAYLOADS = """
            package com.acme;
            public final class Payloads {
                public record EchoInput(String message) {}
                public record EchoOutput(String message) {}
                public record Item(String id) {}
            }
            """;

    private static final String CONTRACT = """
            package com.acme;
            import com.acme.Payloads.*;
            import java.util.List;
            import nexusrpc.api.*;
            @Service(name = "my-service")
            public interface MyService {
                @Operation
                EchoOutput echo(EchoInput input);
                @Operation(name = "my-invalid-java-identifier")
                EchoOutput hello(EchoInput input);
                @Operation
                List<Item> list();
                @Operation
                int count(String prefix);
                @Operation
                void reset();
                @Operation
                String job(String input);
                @Operation
                java.util.Map<String, List<? extends Item>> nested(String[] keys);
            }
            """;

    private static final String ECHO_OPERATION = """
            package com.acme;
            import com.acme.Payloads.*;
            import nexusrpc.api.handler.*;
            final class EchoOperation implements OperationHandler<EchoInput, EchoOutput> {
                @Override
                public StartResult<EchoOutput> start(OperationContext ctx, StartOptions options, EchoInput input) {
                    return StartResult.sync(new EchoOutput(input.message()));
                }
            }
            """;

    private static final String BACKGROUND_JOB = """
            package com.acme;
            import java.lang.annotation.*;
            import nexusrpc.api.handler.OperationKindAnnotation;
            @Retention(RetentionPolicy.RUNTIME)
            @Target(ElementType.METHOD)
            @OperationKindAnnotation
            public @interface BackgroundJob {}
            """;

    @Test
    void validServiceCompilesWithoutDiagnostics() {
        String impl = """
                package com.acme;
                import com.acme.Payloads.*;
                import java.util.List;
                import nexusrpc.api.handler.*;
                @ServiceImpl(MyService.class)
                public final class MyServiceImpl {
                    @OperationImpl
                    public EchoOperation echo() { return new EchoOperation(); }
                    @SyncOperation
                    public EchoOutput hello(OperationContext ctx, EchoInput input) { return null; }
                    @SyncOperation
                    public List<Item> list() { return List.of(); }
                    @OperationImpl
                    public Forwarding<String, Integer> count() { return null; }
                    @SyncOperation
                    public java.util.Map<String, List<? extends Item>> nested(String[] keys) { return null; }
                    @OperationImpl
                    public OperationHandler<Void, Void> reset() { return null; }
                    @BackgroundJob
                    public Object job(String a, String b, String c) { return null; } // a plugin checks the shape
                    public String helper(int x) { return ""; }
                }
                """;
        String forwarding = """
                package com.acme;
                public abstract class Forwarding<I, O> implements nexusrpc.api.handler.OperationHandler<I, O> {}
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Payloads", PAYLOADS, "MyService", CONTRACT,
                "EchoOperation", ECHO_OPERATION, "BackgroundJob", BACKGROUND_JOB, "MyServiceImpl", impl,
                "Forwarding", forwarding));
        assertEquals(0, c.diagnostics().size(), c::describe);
    }

    @Test
    void theCheckerIsAModuleOfItsOwnThatNeedsOnlyTheCompiler() {
        // services must not need java.compiler at run time, and the checker must not need the engine
        Module checker = ServiceContractProcessor.class.getModule();
        assertTrue(checker.isNamed(), "tests run on the module path");
        assertEquals("nexusrpc.processor", checker.getName());
        assertEquals(new TreeSet<>(List.of("java.base", "java.compiler")), checker.getDescriptor().requires().stream()
                .map(java.lang.module.ModuleDescriptor.Requires::name).collect(Collectors.toCollection(TreeSet::new)));
        assertTrue(checker.getDescriptor().provides().stream()
                .anyMatch(p -> p.service().equals("javax.annotation.processing.Processor")));
        Module handler = NexusHandler.class.getModule();
        assertFalse(handler.getPackages().contains("nexusrpc.processor"));
    }

    @Test
    void invalidContractReportsEveryProblemOnItsMethod() {
        String contract = """
                package com.acme;
                import java.util.List;
                import nexusrpc.api.*;
                @Service
                public interface Broken {
                    @Operation
                    String ok(String in);
                    String forgotten(String in);
                    @Operation
                    String two(String a, String b);
                    @Operation(name = "ok")
                    String sameName(String in);
                    @Operation
                    String over(String in);
                    @Operation
                    String over(Integer in);
                    @Operation
                    default String withBody(String in) { return in; }
                    @Operation
                    <T> List<T> generic(T in);
                    @Operation
                    String io(String in) throws java.io.IOException;
                    @Operation
                    String unchecked(String in) throws IllegalStateException;
                    static String helper() { return ""; }
                    default String helper2() { return ""; }
                }
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Broken", contract));
        c.assertError("Broken", "String forgotten(", "Broken.forgotten is not annotated @Operation", "annotate it");
        c.assertError("Broken", "String two(", "Broken.two has 2 parameters", "wrap the values in a record");
        c.assertError("Broken", "@Operation(name = \"ok\")", "Broken.sameName and Broken.ok both declare operation"
                + " \"ok\"", "give one of them another @Operation(name = ...)");
        c.assertError("Broken", "String over(Integer in)", "Broken.over is overloaded", "rename one");
        c.assertError("Broken", "default String withBody(", "Broken.withBody is a default method", "remove its body");
        c.assertError("Broken", "<T> List<T> generic(", "Broken.generic declares type parameters",
                "remove the method's type variables");
        c.assertError("Broken", "String io(", "Broken.io declares checked exception IOException",
                "remove it from the throws clause");
        c.assertErrorCount(7);
    }

    @Test
    void contractShapeProblems() {
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of(
                "Empty", "package com.acme; @nexusrpc.api.Service public interface Empty { default void x() {} }",
                "NotAnInterface", "package com.acme;\n@nexusrpc.api.Service\npublic class NotAnInterface {}",
                "Generic", """
                        package com.acme;
                        @nexusrpc.api.Service
                        public interface Generic<T> {
                            @nexusrpc.api.Operation
                            T get();
                        }
                        """));
        c.assertError("Empty", "interface Empty", "com.acme.Empty declares no operations",
                "add at least one @Operation method");
        c.assertError("NotAnInterface", "class NotAnInterface", "com.acme.NotAnInterface is not an interface");
        c.assertError("Generic", "interface Generic<T>", "Generic declares type parameters <T>",
                "declare a sub-interface that binds them");
        c.assertErrorCount(3);
    }

    @Test
    void misplacedAnnotations() {
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of(
                "Svc", """
                        package com.acme;
                        @nexusrpc.api.Service
                        public interface Svc {
                            @nexusrpc.api.Operation String a(String in);
                            @nexusrpc.api.Operation private String hidden(String in) { return in; }
                        }
                        """,
                "SvcImpl", """
                        package com.acme;
                        @nexusrpc.api.handler.ServiceImpl(Svc.class)
                        public interface SvcImpl {}
                        """));
        c.assertError("Svc", "private String hidden(", "Svc.hidden is private: an @Operation must be abstract");
        c.assertErrorCount(1); // the implementation is checked once its contract is valid
        ProcessorCompilation fixed = ProcessorCompilation.compile(Map.of(
                "Svc", "package com.acme; @nexusrpc.api.Service public interface Svc { @nexusrpc.api.Operation"
                        + " String a(String in); }",
                "SvcImpl", """
                        package com.acme;
                        @nexusrpc.api.handler.ServiceImpl(Svc.class)
                        public interface SvcImpl {}
                        """));
        fixed.assertError("SvcImpl", "public interface SvcImpl", "SvcImpl is an interface: put @ServiceImpl on the"
                + " class that implements the operations");
        fixed.assertErrorCount(1);
    }

    @Test
    void implementationMismatchesAreAllReportedOnTheirMethods() {
        String impl = """
                package com.acme;
                import com.acme.Payloads.*;
                import java.util.List;
                import nexusrpc.api.handler.*;
                @ServiceImpl(MyService.class)
                public final class MyServiceImpl {
                    @OperationImpl
                    public OperationHandler<EchoInput, EchoOutput> echo(String unused) { return null; }
                    @SyncOperation
                    public EchoOutput hello(OperationContext ctx, EchoInput input, String extra) { return null; }
                    @SyncOperation
                    public List<String> list() { return List.of(); }
                    @SyncOperation
                    EchoOutput count(String prefix) { return null; }
                    @OperationImpl
                    @SyncOperation
                    public void reset() {}
                    @SyncOperation
                    public String extra(String in) { return in; }
                    @SyncOperation
                    public java.util.Map<String, List<? extends Item>> nested(String[] keys) { return null; }
                }
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Payloads", PAYLOADS, "MyService", CONTRACT,
                "MyServiceImpl", impl));
        c.assertError("MyServiceImpl", "echo(String unused)", "MyServiceImpl.echo takes parameters",
                "an @OperationImpl method is a factory without parameters");
        c.assertError("MyServiceImpl", "hello(OperationContext ctx", "MyServiceImpl.hello has 3 parameters",
                "(OperationContext ctx, I input), (I input), (OperationContext ctx) or nothing");
        c.assertError("MyServiceImpl", "List<String> list()", "MyServiceImpl.list returns java.util.List<java.lang"
                + ".String> but operation \"list\" of the contract returns java.util.List<com.acme.Payloads.Item>",
                "make the types equal");
        c.assertError("MyServiceImpl", "EchoOutput count(", "MyServiceImpl.count must be a public instance method"
                + " to implement operation \"count\"");
        c.assertError("MyServiceImpl", "@SyncOperation", "MyServiceImpl.reset carries 2 operation-kind annotations"
                + " (@OperationImpl, @SyncOperation)", "keep one");
        c.assertError("MyServiceImpl", "public String extra(", "MyServiceImpl.extra (@SyncOperation) is not an"
                + " operation of MyService", "contract operations are [count, echo, hello, job, list, nested, reset]");
        c.assertError("MyServiceImpl", "public final class MyServiceImpl", "MyServiceImpl does not implement"
                + " operation \"job\" (contract method job)", "add a public method named job");
        c.assertErrorCount(7);
    }

    @Test
    void typesAreComparedWithGenericsAndBoxing() {
        String impl = """
                package com.acme;
                import com.acme.Payloads.*;
                import java.util.List;
                import nexusrpc.api.handler.*;
                @ServiceImpl(MyService.class)
                public final class MyServiceImpl {
                    @OperationImpl
                    public OperationHandler<EchoInput, String> echo() { return null; }
                    @OperationImpl
                    public OperationHandler<String, EchoOutput> hello() { return null; }
                    @SyncOperation
                    public List<Item> list(String filter) { return List.of(); }
                    @SyncOperation
                    public long count(String prefix) { return 0; }
                    @SyncOperation
                    public String reset() { return ""; }
                    @SyncOperation
                    public String job() { return ""; }
                    @SyncOperation
                    public java.util.Map<String, List<? extends Item>> nested(String[] keys) { return null; }
                }
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Payloads", PAYLOADS, "MyService", CONTRACT,
                "MyServiceImpl", impl));
        c.assertError("MyServiceImpl", "String> echo()", "MyServiceImpl.echo returns java.lang.String but"
                + " operation \"echo\" of the contract returns com.acme.Payloads.EchoOutput");
        c.assertError("MyServiceImpl", "EchoOutput> hello()", "MyServiceImpl.hello takes input java.lang.String"
                + " but operation \"my-invalid-java-identifier\" of the contract takes com.acme.Payloads.EchoInput");
        c.assertError("MyServiceImpl", "list(String filter)", "MyServiceImpl.list takes input java.lang.String but"
                + " operation \"list\" of the contract takes no input", "remove the parameter");
        c.assertError("MyServiceImpl", "long count(", "MyServiceImpl.count returns long but operation \"count\" of"
                + " the contract returns int");
        c.assertError("MyServiceImpl", "String reset()", "MyServiceImpl.reset returns java.lang.String but"
                + " operation \"reset\" of the contract returns nothing (void)", "return void");
        c.assertError("MyServiceImpl", "String job()", "MyServiceImpl.job takes no input but operation \"job\" of"
                + " the contract takes java.lang.String", "add a parameter of that type");
        c.assertErrorCount(6);
    }

    @Test
    void manualFactoriesMustFixTheHandlerTypes() {
        String contract = """
                package com.acme;
                @nexusrpc.api.Service
                public interface Ops {
                    @nexusrpc.api.Operation String raw(String in);
                    @nexusrpc.api.Operation String wild(String in);
                    @nexusrpc.api.Operation String plain(String in);
                }
                """;
        String impl = """
                package com.acme;
                import nexusrpc.api.handler.*;
                @ServiceImpl(Ops.class)
                public final class OpsImpl {
                    @SuppressWarnings("rawtypes")
                    @OperationImpl
                    public OperationHandler raw() { return null; }
                    @OperationImpl
                    public OperationHandler<String, ?> wild() { return null; }
                    @OperationImpl
                    public String plain() { return null; }
                }
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Ops", contract, "OpsImpl", impl));
        c.assertError("OpsImpl", "OperationHandler raw()", "OpsImpl.raw returns nexusrpc.api.handler.OperationHandler:"
                + " an @OperationImpl method must return OperationHandler<java.lang.String, java.lang.String>");
        c.assertError("OpsImpl", "wild()", "OpsImpl.wild returns", "an @OperationImpl method must return");
        c.assertError("OpsImpl", "String plain()", "OpsImpl.plain returns java.lang.String", "must return");
        c.assertErrorCount(3);
    }

    @Test
    void superInterfaceBindingsAreResolved() {
        String contract = """
                package com.acme;
                import java.util.List;
                import nexusrpc.api.*;
                public interface Store<T, K> {
                    @Operation T get(K id);
                    @Operation List<T> all();
                }
                """;
        String items = """
                package com.acme;
                @nexusrpc.api.Service
                public interface ItemStore extends Store<Payloads.Item, String> {}
                """;
        String impl = """
                package com.acme;
                import com.acme.Payloads.Item;
                import java.util.List;
                import nexusrpc.api.handler.*;
                @ServiceImpl(ItemStore.class)
                public final class ItemStoreImpl {
                    @SyncOperation public Item get(String id) { return null; }
                    @SyncOperation public List<String> all() { return null; }
                }
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Payloads", PAYLOADS, "Store", contract,
                "ItemStore", items, "ItemStoreImpl", impl));
        c.assertError("ItemStoreImpl", "List<String> all()", "ItemStoreImpl.all returns java.util.List<java.lang"
                + ".String> but operation \"all\" of the contract returns java.util.List<com.acme.Payloads.Item>");
        c.assertErrorCount(1);
    }

    @Test
    void rawSuperInterfaceLeavesTypeVariablesUnbound() {
        String contract = """
                package com.acme;
                public interface Base<T> {
                    @nexusrpc.api.Operation T get(String id);
                }
                """;
        String raw = """
                package com.acme;
                @SuppressWarnings("rawtypes")
                @nexusrpc.api.Service
                public interface RawStore extends Base {}
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Base", contract, "RawStore", raw));
        c.assertError("RawStore", "public interface RawStore", "RawStore.get has output type T with unbound type"
                + " variable T", "bind T where the contract extends its generic base interface");
        c.assertErrorCount(1);
    }

    @Test
    void kindAnnotationsFromPluginsCountOnlyWithTheMetaAnnotation() {
        String contract = """
                package com.acme;
                @nexusrpc.api.Service
                public interface Jobs {
                    @nexusrpc.api.Operation String run(String in);
                    @nexusrpc.api.Operation String other(String in);
                }
                """;
        String unmarked = """
                package com.acme;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME)
                @Target(ElementType.METHOD)
                public @interface Unmarked {}
                """;
        String impl = """
                package com.acme;
                import nexusrpc.api.handler.*;
                @ServiceImpl(Jobs.class)
                public final class JobsImpl {
                    @BackgroundJob
                    public void run() {}
                    @Unmarked
                    public String other(String in) { return in; }
                    @BackgroundJob
                    public void notInContract() {}
                }
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Jobs", contract, "BackgroundJob",
                BACKGROUND_JOB, "Unmarked", unmarked, "JobsImpl", impl));
        c.assertError("JobsImpl", "public String other(", "JobsImpl does not implement operation \"other\"",
                "method other has no operation-kind annotation; annotate it",
                "if @Unmarked is an operation kind, meta-annotate its declaration with"
                        + " @nexusrpc.api.handler.OperationKindAnnotation");
        c.assertError("JobsImpl", "public void notInContract(", "JobsImpl.notInContract (@BackgroundJob) is not an"
                + " operation of Jobs");
        c.assertErrorCount(2);
    }

    @Test
    void anInvalidContractFromALibraryIsReportedOnTheImplementation() {
        // compiled separately: the contract is not a source of the compilation that checks the implementation
        String contract = """
                package com.acme;
                @nexusrpc.api.Service
                public interface Lib {
                    @nexusrpc.api.Operation String a(String x, String y);
                }
                """;
        String impl = """
                package com.acme;
                @nexusrpc.api.handler.ServiceImpl(Lib.class)
                public final class LibImpl {
                    @nexusrpc.api.handler.SyncOperation public String a(String x) { return x; }
                }
                """;
        Path library = ProcessorCompilation.compileLibrary(Map.of("Lib", contract));
        try {
            ProcessorCompilation c = ProcessorCompilation.compile(Map.of("LibImpl", impl), List.of(library));
            c.assertError("LibImpl", "@nexusrpc.api.handler.ServiceImpl(Lib.class)", "the contract of LibImpl,"
                    + " com.acme.Lib, is invalid: Lib.a has 2 parameters");
            c.assertErrorCount(1);
        } finally {
            ProcessorCompilation.delete(library);
        }
        // compiled together, the problem is reported once, on the contract itself
        ProcessorCompilation both = ProcessorCompilation.compile(Map.of("Lib", contract, "LibImpl", impl));
        both.assertError("Lib", "String a(", "Lib.a has 2 parameters");
        both.assertErrorCount(1);
    }

    @Test
    void aContractWithoutServiceIsAWarningBecauseAPluginMayReadIt() {
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of(
                "Plain", "package com.acme; public interface Plain { String a(String x); }",
                "PlainImpl", """
                        package com.acme;
                        @nexusrpc.api.handler.ServiceImpl(Plain.class)
                        public final class PlainImpl {}
                        """));
        c.assertErrorCount(0);
        Diagnostic<?> warning = c.diagnostics().get(0);
        assertEquals(Diagnostic.Kind.WARNING, warning.getKind(), c::describe);
        assertTrue(ProcessorCompilation.message(warning).contains("com.acme.Plain, the contract of PlainImpl, is not"
                + " annotated @Service: add @Service"), c::describe);
    }

    @Test
    void officialSdkContractsAreMatchedByName() {
        // the processor knows the official annotations by name only; stand-ins declared here suffice
        String official = """
                package io.nexusrpc;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE)
                public @interface Service { String name() default ""; }
                """;
        String officialOp = """
                package io.nexusrpc;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
                public @interface Operation { String name() default ""; }
                """;
        String contract = """
                package com.acme;
                @io.nexusrpc.Service
                public interface Greeter {
                    @io.nexusrpc.Operation String greet(String name);
                    @io.nexusrpc.Operation String wave(String name);
                }
                """;
        String impl = """
                package com.acme;
                import nexusrpc.api.handler.*;
                @ServiceImpl(Greeter.class)
                public final class GreeterImpl {
                    @SyncOperation public String greet(String name) { return name; }
                }
                """;
        ProcessorCompilation c = ProcessorCompilation.compile(Map.of("Service", official, "Operation", officialOp,
                "Greeter", contract, "GreeterImpl", impl));
        c.assertError("GreeterImpl", "public final class GreeterImpl", "GreeterImpl does not implement operation"
                + " \"wave\"");
        c.assertErrorCount(1);
    }

    @Test
    void compileTimeErrorsAreTheProblemsRegistrationReports() throws Exception {
        Map<String, String> sources = Map.of(
                "In", "package com.acme; public record In(String v) {}",
                "Item", "package com.acme; public record Item(String id) {}",
                "Parity", """
                        package com.acme;
                        import java.util.List;
                        import nexusrpc.api.*;
                        @Service
                        public interface Parity {
                            @Operation String a(In in);
                            @Operation List<Item> b();
                            @Operation int c(In in);
                            @Operation void d(In in);
                            @Operation String e(In in);
                            @Operation String f(In in);
                            @Operation Item h(In in);
                        }
                        """,
                "ParityBase", """
                        package com.acme;
                        public class ParityBase<T> {
                            @nexusrpc.api.handler.SyncOperation public T h(In in) { return null; }
                        }
                        """,
                "ParityImpl", """
                        package com.acme;
                        import java.util.List;
                        import nexusrpc.api.handler.*;
                        @ServiceImpl(Parity.class)
                        public class ParityImpl extends ParityBase<Item> {
                            public ParityImpl() {}
                            @SyncOperation public String a(OperationContext ctx, In in, String more) { return ""; }
                            @SyncOperation public List<String> b() { return null; }
                            @SyncOperation public long c(In in) { return 0; }
                            @OperationImpl public OperationHandler<In, Void> d(String x) { return null; }
                            @SyncOperation String e(In in) { return ""; }
                            @SyncOperation public String g(In in) { return ""; }
                        }
                        """);
        List<String> runtime = problemsAtRunTime(sources, loader -> {
            Object impl = loader.loadClass("com.acme.ParityImpl").getConstructor().newInstance();
            NexusHandler.builder().service(impl).build();
        });
        ProcessorCompilation c = ProcessorCompilation.compile(sources);
        List<String> compileTime = c.errors().stream().map(ProcessorCompilation::message).collect(Collectors.toList());
        assertEquals(8, runtime.size(), () -> String.join("\n", runtime));
        // the same problems, described the same way up to the advice (which may name kinds differently)
        assertEquals(heads(runtime), heads(compileTime), c::describe);
    }

    @Test
    void compileTimeContractErrorsAreTheProblemsContractParsingReports() throws Exception {
        Map<String, String> sources = Map.of("Broken", """
                package com.acme;
                import java.util.List;
                import nexusrpc.api.*;
                @Service
                public interface Broken {
                    @Operation String ok(String in);
                    String forgotten(String in);
                    @Operation String two(String a, String b);
                    @Operation(name = "ok") String sameName(String in);
                    @Operation String over(String in);
                    @Operation String over(Integer in);
                    @Operation default String withBody(String in) { return in; }
                    @Operation <T> List<T> generic(T in);
                    @Operation String io(String in) throws java.io.IOException;
                }
                """);
        List<String> runtime =
                problemsAtRunTime(sources, loader -> ServiceDefinition.of(loader.loadClass("com.acme.Broken")));
        ProcessorCompilation c = ProcessorCompilation.compile(sources);
        List<String> compileTime = c.errors().stream().map(ProcessorCompilation::message).collect(Collectors.toList());
        assertEquals(List.copyOf(new TreeSet<>(runtime)), List.copyOf(new TreeSet<>(compileTime)), c::describe);
    }

    /** What the run-time checks do with the compiled classes. */
    private interface RunTimeCheck {
        void run(ClassLoader classes) throws Exception;
    }

    /** Compiles {@code sources} without the checker, runs {@code check} on the classes, returns its problems. */
    private static List<String> problemsAtRunTime(Map<String, String> sources, RunTimeCheck check) throws Exception {
        Path classes = ProcessorCompilation.compileLibrary(sources);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                CompileTimeChecksTest.class.getClassLoader())) {
            return assertThrows(InvalidContractException.class, () -> check.run(loader)).problems();
        } finally {
            ProcessorCompilation.delete(classes);
        }
    }

    /** Each message up to its advice (after the first ": "), sorted. */
    private static List<String> heads(List<String> messages) {
        return messages.stream().map(m -> m.contains(": ") ? m.substring(0, m.indexOf(": ")) : m).sorted()
                .collect(Collectors.toList());
    }
}
