package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.internal.SyncOperationKind;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import org.junit.jupiter.api.Test;

/** Registration checks implementations against contracts and reports every problem in one exception. */
class RegistrationTest {
    public record A(String a) {}

    public record B(String b) {}

    @Service(name = "reg")
    public interface Reg {
        @Operation
        List<A> items(List<A> in);

        @Operation
        String noInput();

        @Operation
        void done(String s);

        @Operation
        String manual(String s);
    }

    @ServiceImpl(Reg.class)
    public static class GoodImpl {
        @SyncOperation
        public List<A> items(OperationContext ctx, List<A> in) {
            return in;
        }

        @SyncOperation
        public String noInput(OperationContext ctx) {
            return ctx.operation();
        }

        @SyncOperation
        public void done(String s) {}

        @OperationImpl
        public OperationHandler<String, String> manual() {
            return (ctx, options, input) -> StartResult.sync(input + "!");
        }
    }

    private static InvalidContractException rejected(NexusHandler.Builder builder) {
        return assertThrows(InvalidContractException.class, builder::build);
    }

    private static InvalidContractException rejected(Object... impls) {
        NexusHandler.Builder b = NexusHandler.builder();
        for (Object impl : impls) {
            b.service(impl);
        }
        return rejected(b);
    }

    /** Asserts that one problem contains every fragment. */
    private static void assertProblem(InvalidContractException e, String... fragments) {
        for (String p : e.problems()) {
            if (Arrays.stream(fragments).allMatch(p::contains)) {
                assertTrue(e.getMessage().contains(p));
                return;
            }
        }
        fail("no problem mentions " + Arrays.toString(fragments) + "; problems:\n" + String.join("\n", e.problems()));
    }

    @Test
    void aGoodImplementationRegistersWithEveryShape() {
        NexusHandler h = NexusHandler.builder().service(new GoodImpl()).build();
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class,
                h.start(Requests.start("reg", "noInput", null)));
        assertEquals("\"noInput\"", Requests.text(out.result()));
    }

    @ServiceImpl(Reg.class)
    public static class BadImpl {
        @SyncOperation
        public List<B> items(List<A> in) {
            return List.of();
        }

        @SyncOperation
        public String noInput(String unexpected) {
            return unexpected;
        }

        @OperationImpl
        public OperationHandler<String, Integer> manual() {
            return (ctx, options, input) -> StartResult.sync(1);
        }

        @SyncOperation
        public String extra(String s) {
            return s;
        }
    }

    @Test
    void everyMismatchIsListedAtOnce() {
        InvalidContractException e = rejected(new BadImpl());
        assertEquals(5, e.problems().size(), String.join("\n", e.problems()));
        assertProblem(e, "BadImpl.items returns java.util.List<" + B.class.getName() + ">",
                "operation \"items\" of the contract returns java.util.List<" + A.class.getName() + ">",
                "make the types equal");
        assertProblem(e, "BadImpl.noInput takes input java.lang.String", "operation \"noInput\"",
                "takes no input: remove the parameter");
        assertProblem(e, "BadImpl does not implement operation \"done\"", "add a public method named done");
        assertProblem(e, "BadImpl.manual returns java.lang.Integer", "returns java.lang.String");
        assertProblem(e, "BadImpl.extra (@SyncOperation) is not an operation of Reg",
                "add it to the contract or remove the annotation", "[done, items, manual, noInput]");
        assertTrue(e.getMessage().startsWith("service registration: 5 problems"), e.getMessage());
    }

    @ServiceImpl(Reg.class)
    public static class BadSyncShapes {
        @SyncOperation
        public List<A> items(List<A> in) {
            return in;
        }

        @SyncOperation
        public String noInput() {
            return "";
        }

        @SyncOperation
        public String manual(String s, OperationContext ctx) {
            return s;
        }

        @SyncOperation
        public void done() {}
    }

    @Test
    void wrongSyncOperationShapesAreExplained() {
        InvalidContractException e = rejected(new BadSyncShapes());
        assertProblem(e, "BadSyncShapes.manual has 2 parameters", "(OperationContext ctx, I input), (I input),"
                + " (OperationContext ctx) or nothing");
        assertProblem(e, "BadSyncShapes.done takes no input but operation \"done\" of the contract takes"
                + " java.lang.String", "add a parameter of that type");
        assertEquals(2, e.problems().size(), String.join("\n", e.problems()));
    }

    @ServiceImpl(Reg.class)
    public static class Overriding extends GoodImpl {
        @Override
        @SyncOperation
        public List<A> items(OperationContext ctx, List<A> in) {
            return List.of(new A("overridden"));
        }
    }

    @Test
    void anOverrideIsNotAnOverload() {
        NexusHandler h = NexusHandler.builder().service(new Overriding()).build();
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class,
                h.start(Requests.start("reg", "items", "[]")));
        assertEquals("[{\"a\":\"overridden\"}]", Requests.text(out.result()));
    }

    @ServiceImpl(Reg.class)
    public static class BadFactories {
        @SyncOperation
        public String noInput() {
            return "";
        }

        @OperationImpl
        public String items() {
            return "not a handler";
        }

        @OperationImpl
        public OperationHandler<String, Void> done(String arg) {
            return null;
        }

        @OperationImpl
        @SuppressWarnings("rawtypes")
        public OperationHandler manual() {
            return null;
        }
    }

    @Test
    void wrongOperationImplShapesAreExplained() {
        InvalidContractException e = rejected(new BadFactories());
        assertProblem(e, "BadFactories.items returns java.lang.String: an @OperationImpl method must return"
                + " OperationHandler<java.util.List<" + A.class.getName() + ">, java.util.List<");
        assertProblem(e, "BadFactories.done takes parameters", "a factory without parameters",
                "pass dependencies through the class's constructor");
        assertProblem(e, "BadFactories.manual returns nexusrpc.api.handler.OperationHandler",
                "must return OperationHandler<java.lang.String, java.lang.String>");
        assertEquals(3, e.problems().size(), String.join("\n", e.problems()));
    }

    /** A generic handler base whose input is fixed by subclasses. */
    public abstract static class Shouting<T> implements OperationHandler<T, String> {
        @Override
        public StartResult<String> start(OperationContext ctx, nexusrpc.api.handler.StartOptions options, T input) {
            return StartResult.sync(String.valueOf(input).toUpperCase());
        }
    }

    /** Fixes the input through the superclass. */
    public static final class ShoutingStrings extends Shouting<String> {}

    @ServiceImpl(JobService.class)
    public static class ConcreteFactories {
        private final Jobs jobs = new Jobs();

        @OperationImpl
        public Jobs run() {
            return jobs;
        }

        @OperationImpl
        public ShoutingStrings plain() {
            return new ShoutingStrings();
        }
    }

    @Test
    void factoriesMayDeclareTheirConcreteHandlerClass() {
        NexusHandler h = NexusHandler.builder().service(new ConcreteFactories()).build();
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class,
                h.start(Requests.start("jobs", "plain", "\"quiet\"")));
        assertEquals("\"QUIET\"", Requests.text(out.result()));
        assertInstanceOf(StartOutcome.Async.class, h.start(Requests.start("jobs", "run", "{\"name\":\"n\"}")));
    }

    @ServiceImpl(JobService.class)
    public static class WrongConcreteFactories {
        @OperationImpl
        public ShoutingStrings run() {
            return new ShoutingStrings();
        }

        @OperationImpl
        @SuppressWarnings("rawtypes")
        public Shouting plain() {
            return new ShoutingStrings();
        }
    }

    @Test
    void concreteHandlerClassesAreCheckedToo() {
        InvalidContractException e = rejected(new WrongConcreteFactories());
        assertProblem(e, "WrongConcreteFactories.run takes input java.lang.String but operation \"run\"",
                "takes " + Payloads.JobRequest.class.getName());
        assertProblem(e, "WrongConcreteFactories.run returns java.lang.String", Payloads.JobResult.class.getName());
        assertProblem(e, "WrongConcreteFactories.plain returns " + Shouting.class.getName(),
                "must return OperationHandler<java.lang.String, java.lang.String> (or a class implementing it)");
        assertEquals(3, e.problems().size(), String.join("\n", e.problems()));
    }

    @ServiceImpl(Reg.class)
    public static class FactoryFailures {
        @SyncOperation
        public List<A> items(List<A> in) {
            return in;
        }

        @SyncOperation
        public String noInput() {
            return "";
        }

        @OperationImpl
        public OperationHandler<String, String> manual() {
            return null;
        }

        @OperationImpl
        public OperationHandler<String, Void> done() {
            throw new IllegalStateException("no database");
        }
    }

    @Test
    void factoriesThatFailOrReturnNullAreReported() {
        InvalidContractException e = rejected(new FactoryFailures());
        assertProblem(e, "FactoryFailures.manual returned null", "return the OperationHandler for operation"
                + " \"manual\"");
        assertProblem(e, "FactoryFailures.done threw", "no database", "when called at registration");
        assertEquals(2, e.problems().size(), String.join("\n", e.problems()));
        // the factory's own exception travels with the report, stack trace and all
        assertEquals(1, e.getSuppressed().length);
        assertEquals("no database", e.getSuppressed()[0].getMessage());
    }

    public static class NotAnnotated extends GoodImpl {}

    @Test
    void anImplementationNeedsServiceImpl() {
        assertProblem(rejected(new NotAnnotated()), NotAnnotated.class.getName()
                + " is not annotated @ServiceImpl: add @ServiceImpl(YourContract.class)");
    }

    @Test
    void aServiceIsRegisteredOnce() {
        assertProblem(rejected(new GoodImpl(), new BadSyncShapesFixed()), "service \"reg\" is registered twice",
                GoodImpl.class.getName(), BadSyncShapesFixed.class.getName(), "register each service once");
    }

    @ServiceImpl(Reg.class)
    public static class BadSyncShapesFixed extends GoodImpl {}

    /** A second kind that claims {@code @SyncOperation} too. */
    public static final class CopycatKind implements OperationKind {
        @Override
        public String spiVersion() {
            return OperationKind.SPI_VERSION;
        }

        @Override
        public Class<? extends Annotation> annotation() {
            return SyncOperation.class;
        }

        @Override
        public String name() {
            return "@Copycat";
        }

        @Override
        public OperationHandler<?, ?> createHandler(OperationBinding binding) {
            throw new AssertionError("never asked: the method is ambiguous");
        }
    }

    @Test
    void twoKindsClaimingOneMethodIsAnError() {
        InvalidContractException e = rejected(NexusHandler.builder().kind(new CopycatKind()).service(new GoodImpl()));
        assertProblem(e, "GoodImpl.items is claimed by 2 operation kinds", "@Copycat from " + CopycatKind.class
                .getName(), "@SyncOperation from " + SyncOperationKind.class.getName(), "keep one kind annotation");
        assertEquals(3, e.problems().size(), "every @SyncOperation method is ambiguous: " + e.problems());
    }

    @Test
    void aKindAddedExplicitlyAndDiscoveredIsOneKind() {
        NexusHandler h = NexusHandler.builder().kind(new SyncOperationKind()).service(new GoodImpl()).build();
        assertEquals(1, h.services().size());
    }

    @Test
    void withoutDiscoveryOnlyExplicitKindsServe() {
        InvalidContractException e = rejected(NexusHandler.builder().discoverPlugins(false).service(new GoodImpl()));
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertProblem(e, "GoodImpl does not implement operation \"items\"", "method items is annotated"
                + " @SyncOperation, but no installed operation kind serves it", "is plugin discovery off?");
        NexusHandler h = NexusHandler.builder().discoverPlugins(false).kind(new SyncOperationKind())
                .kind(new nexusrpc.handler.internal.ManualOperationKind()).service(new GoodImpl()).build();
        assertEquals("reg", h.services().iterator().next().name());
    }

    @ServiceImpl(Reg.class)
    public static class Misc {
        @SyncOperation
        String noInput() {
            return "";
        }

        @SyncOperation
        public static void done(String s) {}

        @SyncOperation
        public String manual(String s) {
            return s;
        }

        @SyncOperation
        public String manual(Integer s) {
            return "";
        }

        public List<A> items(List<A> in) {
            return in;
        }
    }

    @Test
    void visibilityOverloadsAndMissingAnnotationsAreExplained() {
        InvalidContractException e = rejected(new Misc());
        assertProblem(e, "Misc.noInput must be a public instance method to implement operation \"noInput\"");
        assertProblem(e, "Misc.done must be a public instance method");
        assertProblem(e, "Misc.manual is overloaded", "rename or remove the other");
        assertProblem(e, "Misc does not implement operation \"items\"",
                "method items has no operation-kind annotation; annotate it, e.g. ");
    }

    @ServiceImpl(Reg.class)
    static class Hidden extends GoodImpl {}

    @Test
    void anImplementationCanBeRegisteredWithItsOwnLookup() {
        // a non-public class in a user's module needs this; inside this module the engine's own lookup already has
        // access, so only the explicit-lookup path can be shown here
        NexusHandler h = NexusHandler.builder().service(new Hidden(), java.lang.invoke.MethodHandles.lookup())
                .build();
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class,
                h.start(Requests.start("reg", "manual", "\"x\"")));
        assertEquals("\"x!\"", Requests.text(out.result()));
    }

    @Service
    public interface Broken {
        @Operation
        String a(String x, String y);
    }

    @ServiceImpl(Broken.class)
    public static class OnBrokenContract {}

    @Test
    void problemsOfEveryServiceAndContractAreCollected() {
        InvalidContractException e = rejected(new OnBrokenContract(), new BadImpl(), new NotAnnotated());
        assertProblem(e, "Broken.a has 2 parameters");
        assertProblem(e, "BadImpl.extra");
        assertProblem(e, "NotAnnotated is not annotated @ServiceImpl");
        assertEquals(7, e.problems().size(), String.join("\n", e.problems()));
    }
}
