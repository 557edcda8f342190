package nexusrpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceDefinitionTest {
    record Item(String id) {}

    record Rec(int n) {}

    record EchoInput(String message) {}

    record EchoOutput(String message) {}

    @Service(name = "my-service")
    interface MyNexusService {
        @Operation
        EchoOutput echo(EchoInput input);

        @Operation(name = "my-invalid-java-identifier")
        EchoOutput hello(EchoInput input);

        @Operation
        List<Item> list();

        @Operation
        void fire(EchoInput input);

        @Operation
        Map<String, List<Rec>> grouped(List<Item> items);

        @Operation
        int count(long since);

        /** Helpers are allowed: only abstract methods are operations. */
        default EchoOutput echoTwice(EchoInput input) {
            return echo(new EchoInput(input.message() + input.message()));
        }

        static String helper() {
            return "static helpers are ignored";
        }
    }

    @Service
    interface Unnamed {
        @Operation
        void ping();
    }

    /** Holds reflected types to compare resolved ones with. */
    interface TypeSamples {
        List<Item> items();

        Map<String, List<Rec>> grouped();
    }

    private static Type sample(String method) {
        try {
            return TypeSamples.class.getMethod(method).getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void serviceNameComesFromTheAnnotationOrTheSimpleName() {
        assertEquals("my-service", ServiceDefinition.of(MyNexusService.class).name());
        assertEquals("Unnamed", ServiceDefinition.of(Unnamed.class).name());
        assertSame(Unnamed.class, ServiceDefinition.of(Unnamed.class).contract());
    }

    @Test
    void operationNamesDefaultToTheJavaNameAndMayBeAnyString() {
        ServiceDefinition def = ServiceDefinition.of(MyNexusService.class);
        assertEquals(List.of("count", "echo", "fire", "grouped", "my-invalid-java-identifier", "list"),
                def.operations().stream().map(OperationDefinition::name).collect(Collectors.toList()));
        OperationDefinition<?, ?> hello = def.operation("my-invalid-java-identifier").orElseThrow();
        assertEquals("hello", hello.javaName());
        assertSame(hello, def.operationByJavaName("hello").orElseThrow());
        assertTrue(def.operation("hello").isEmpty(), "the Java name is not the Nexus name once overridden");
        assertTrue(def.operation("echoTwice").isEmpty(), "default helper methods are not operations");
        assertEquals("hello", hello.method().getName());
    }

    @Test
    void noInputAndVoidOutputAreRecognized() {
        ServiceDefinition def = ServiceDefinition.of(MyNexusService.class);
        OperationDefinition<?, ?> list = def.operation("list").orElseThrow();
        assertTrue(list.hasNoInput());
        assertEquals(void.class, list.inputType());
        assertFalse(list.hasNoOutput());
        OperationDefinition<?, ?> fire = def.operation("fire").orElseThrow();
        assertTrue(fire.hasNoOutput());
        assertEquals(void.class, fire.outputType());
        assertEquals(EchoInput.class, fire.inputType());
        OperationDefinition<?, ?> count = def.operation("count").orElseThrow();
        assertEquals(long.class, count.inputType());
        assertEquals(int.class, count.outputType());
    }

    @Test
    void genericTypesAreCapturedWhole() {
        ServiceDefinition def = ServiceDefinition.of(MyNexusService.class);
        Type listOut = def.operation("list").orElseThrow().outputType();
        assertEquals(sample("items"), listOut);
        ParameterizedType p = (ParameterizedType) listOut;
        assertEquals(List.class, p.getRawType());
        assertEquals(Item.class, p.getActualTypeArguments()[0]);
        OperationDefinition<?, ?> grouped = def.operation("grouped").orElseThrow();
        assertEquals(sample("grouped"), grouped.outputType());
        assertEquals(sample("items"), grouped.inputType());
    }

    interface Crud<T, K> {
        @Operation
        T get(K id);

        @Operation
        List<T> all();
    }

    @Service
    interface Items extends Crud<Item, String> {
        @Operation
        void delete(String id);
    }

    @Test
    void typeVariablesBoundByASuperInterfaceAreResolved() {
        ServiceDefinition def = ServiceDefinition.of(Items.class);
        OperationDefinition<?, ?> get = def.operation("get").orElseThrow();
        assertEquals(String.class, get.inputType());
        assertEquals(Item.class, get.outputType());
        Type all = def.operation("all").orElseThrow().outputType();
        assertEquals(sample("items"), all, "a resolved List<Item> equals the reflected one");
        assertEquals(sample("items").hashCode(), all.hashCode(), "and hashes alike (serializer caches key on it)");
        assertEquals("java.util.List<nexusrpc.api.ServiceDefinitionTest$Item>", all.getTypeName());
    }

    // ---------------------------------------------------------------- invalid contracts

    private static InvalidContractException invalid(Class<?> contract) {
        return assertThrows(InvalidContractException.class, () -> ServiceDefinition.of(contract));
    }

    /** Asserts that one problem contains every fragment. */
    private static void assertProblem(InvalidContractException e, String... fragments) {
        for (String p : e.problems()) {
            if (Arrays.stream(fragments).allMatch(p::contains)) {
                assertTrue(e.getMessage().contains(p), "the message lists every problem");
                return;
            }
        }
        fail("no problem mentions " + Arrays.toString(fragments) + "; problems: " + e.problems());
    }

    @Service
    static final class NotAnInterface {}

    interface NotAnnotated {
        @Operation
        void op();
    }

    @Test
    void aClassIsNotAContract() {
        InvalidContractException e = invalid(NotAnInterface.class);
        assertProblem(e, "NotAnInterface", "is not an interface", "declare the contract as an interface");
    }

    @Test
    void aContractNeedsAtService() {
        InvalidContractException e = invalid(NotAnnotated.class);
        assertProblem(e, "NotAnnotated", "is not annotated @Service", "add @Service");
    }

    @Test
    void anAnnotationTypeIsNotAContract() {
        assertProblem(invalid(Service.class), "is not an interface");
    }

    @Service
    interface MissingOperation {
        @Operation
        void fine();

        void forgotten(String s);
    }

    @Test
    void everyAbstractMethodNeedsAtOperation() {
        assertProblem(invalid(MissingOperation.class), "MissingOperation.forgotten", "is not annotated @Operation",
                "annotate it");
    }

    @Service
    interface TwoOpsOneName {
        @Operation(name = "same")
        void first();

        @Operation(name = "same")
        void second();
    }

    @Test
    void twoOperationsMayNotShareAName() {
        assertProblem(invalid(TwoOpsOneName.class), "TwoOpsOneName.second", "TwoOpsOneName.first",
                "both declare operation \"same\"", "@Operation(name = ...)");
    }

    @Service
    interface DefaultNameClash {
        @Operation
        void echo();

        @Operation(name = "echo")
        void other();
    }

    @Test
    void anOverrideMayClashWithADefaultName() {
        assertProblem(invalid(DefaultNameClash.class), "both declare operation \"echo\"");
    }

    @Service
    interface TooManyParameters {
        @Operation
        String concat(String a, String b);
    }

    @Test
    void anOperationTakesAtMostOneParameter() {
        assertProblem(invalid(TooManyParameters.class), "TooManyParameters.concat", "has 2 parameters",
                "wrap the values in a record");
    }

    @Service
    interface Overloads {
        @Operation
        String echo(String s);

        @Operation
        String echo(Integer i);
    }

    @Test
    void overloadsAreRejectedOnceAsOverloads() {
        InvalidContractException e = invalid(Overloads.class);
        assertProblem(e, "Overloads.echo", "is overloaded", "rename one");
        assertEquals(1, e.problems().size(), "an overload is not also reported as a duplicate name: " + e.problems());
    }

    @Service
    interface DefaultOperation {
        @Operation
        default String echo(String s) {
            return s;
        }
    }

    @Test
    void anOperationMustBeAbstract() {
        assertProblem(invalid(DefaultOperation.class), "DefaultOperation.echo", "is a default method",
                "remove its body");
    }

    @Service
    interface MethodTypeVariables {
        @Operation
        <T> T identity(T value);
    }

    @Test
    void methodTypeVariablesAreRejected() {
        InvalidContractException e = invalid(MethodTypeVariables.class);
        assertProblem(e, "MethodTypeVariables.identity", "declares type parameters", "remove the method's type");
        assertEquals(1, e.problems().size(), e.problems().toString());
    }

    @Service
    interface GenericContract<T> {
        @Operation
        T get(String id);
    }

    @Test
    void aGenericContractIsRejected() {
        assertProblem(invalid(GenericContract.class), "GenericContract declares type parameters <T>",
                "extends GenericContract<Item>");
    }

    interface Base<T> {
        @Operation
        List<T> all();
    }

    @Service
    interface UnboundBase<T> extends Base<T> {}

    @Service
    @SuppressWarnings("rawtypes")
    interface RawBase extends Base {}

    @Test
    void unboundInheritedTypeVariablesAreRejected() {
        assertProblem(invalid(UnboundBase.class), "declares type parameters <T>");
        assertProblem(invalid(RawBase.class), "RawBase.all", "output type java.util.List<T>",
                "unbound type variable T", "bind T");
    }

    @Service
    interface CheckedExceptions {
        @Operation
        String read(String path) throws IOException;

        @Operation
        String fine(String s) throws IllegalStateException;
    }

    @Test
    void checkedExceptionsAreRejected() {
        InvalidContractException e = invalid(CheckedExceptions.class);
        assertProblem(e, "CheckedExceptions.read", "declares checked exception IOException",
                "remove it from the throws clause");
        assertEquals(1, e.problems().size(), "unchecked exceptions are fine: " + e.problems());
    }

    @Service
    interface NoOperations {
        default void helper() {}
    }

    @Test
    void aContractNeedsOperations() {
        assertProblem(invalid(NoOperations.class), "NoOperations declares no operations",
                "add at least one @Operation");
    }

    @Service
    interface ManyProblems {
        @Operation
        String a(String x, String y);

        @Operation(name = "a")
        void b();

        void c();

        @Operation
        default void d() {}
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidContractException e = invalid(ManyProblems.class);
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertProblem(e, "ManyProblems.a", "2 parameters");
        assertProblem(e, "ManyProblems.b", "both declare operation \"a\"");
        assertProblem(e, "ManyProblems.c", "not annotated @Operation");
        assertProblem(e, "ManyProblems.d", "default method");
        assertTrue(e.getMessage().startsWith(ManyProblems.class.getName() + ": 4 problems"), e.getMessage());
    }

    @Test
    void definitionsFromPartsAreCheckedToo() {
        OperationDefinition<?, ?> a = new OperationDefinition<>("op", "a", String.class, String.class, null);
        OperationDefinition<?, ?> b = new OperationDefinition<>("op", "b", String.class, String.class, null);
        InvalidContractException e = assertThrows(InvalidContractException.class,
                () -> ServiceDefinition.of("", null, List.of(a, b)));
        assertEquals(2, e.problems().size(), e.problems().toString());
        ServiceDefinition ok = ServiceDefinition.of("svc", null, List.of(a));
        assertNull(ok.contract());
        assertSame(a, ok.operation("op").orElseThrow());
        assertThrows(IllegalArgumentException.class,
                () -> new OperationDefinition<>("", "a", String.class, String.class, null));
        InvalidContractException none = assertThrows(InvalidContractException.class,
                () -> ServiceDefinition.of("svc", null, List.of()));
        assertTrue(none.problems().get(0).contains("no operations"), none.problems().toString());
    }
}
