package nexusrpc.api;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed service contract: the Nexus service name and its operations, by Nexus name and by Java method name.
 *
 * <p>Immutable and thread-safe. {@link #of(Class)} reads a {@link Service}-annotated interface and reports every
 * problem in one {@link InvalidContractException}.
 */
public final class ServiceDefinition {
    private final String name;
    private final Class<?> contract;
    private final Map<String, OperationDefinition<?, ?>> byName;
    private final Map<String, OperationDefinition<?, ?>> byJavaName;

    private ServiceDefinition(String name, Class<?> contract, List<OperationDefinition<?, ?>> operations) {
        this.name = name;
        this.contract = contract;
        Map<String, OperationDefinition<?, ?>> names = new LinkedHashMap<>();
        Map<String, OperationDefinition<?, ?>> javaNames = new LinkedHashMap<>();
        for (OperationDefinition<?, ?> op : operations) {
            names.put(op.name(), op);
            javaNames.put(op.javaName(), op);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byJavaName = Collections.unmodifiableMap(javaNames);
    }

    /**
     * Builds a definition from parts, for contracts that are not Java interfaces (e.g. read by a {@code
     * ContractReader} from other annotations). Operation names and Java names must be unique.
     *
     * @throws InvalidContractException if names repeat, the service name is empty or there are no operations
     */
    public static ServiceDefinition of(String name, Class<?> contract, List<OperationDefinition<?, ?>> operations) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operations, "operations");
        List<String> problems = new ArrayList<>();
        if (name.isEmpty()) {
            problems.add("the service name is empty");
        }
        if (operations.isEmpty()) {
            // as for annotated contracts: a service without operations is a mistake, and callers could name none
            problems.add("service \"" + name + "\" has no operations: define at least one");
        }
        Map<String, OperationDefinition<?, ?>> seen = new LinkedHashMap<>();
        Map<String, OperationDefinition<?, ?>> seenJava = new LinkedHashMap<>();
        for (OperationDefinition<?, ?> op : operations) {
            OperationDefinition<?, ?> prev = seen.putIfAbsent(op.name(), op);
            if (prev != null) {
                problems.add("methods " + prev.javaName() + " and " + op.javaName() + " both declare operation \""
                        + op.name() + "\": give one of them another @Operation(name = ...)");
            }
            OperationDefinition<?, ?> prevJava = seenJava.putIfAbsent(op.javaName(), op);
            if (prevJava != null && prev == null) {
                problems.add("method name " + op.javaName() + " is overloaded: operations must have unique Java"
                        + " method names so implementations can be matched to them; rename one");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(contract == null ? name : contract.getName(), problems);
        }
        return new ServiceDefinition(name, contract, operations);
    }

    /**
     * Reads a service contract from a {@link Service}-annotated Java interface.
     *
     * @throws InvalidContractException listing every problem found, each naming the method and what to change
     */
    public static ServiceDefinition of(Class<?> contract) {
        Objects.requireNonNull(contract, "contract");
        List<String> problems = new ArrayList<>();
        if (!contract.isInterface() || contract.isAnnotation()) {
            problems.add(contract.getName() + " is not an interface: declare the contract as an interface annotated"
                    + " @Service");
        }
        Service service = contract.getAnnotation(Service.class);
        if (service == null) {
            problems.add(contract.getName() + " is not annotated @Service: add @Service (optionally with a name)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(contract.getName(), problems);
        }
        if (contract.getTypeParameters().length > 0) {
            problems.add(contract.getSimpleName() + " declares type parameters " + typeParameters(contract)
                    + ": a contract must be concrete; declare a sub-interface that binds them (e.g. interface Items"
                    + " extends " + contract.getSimpleName() + "<Item>) and annotate that one @Service");
        }
        String serviceName = service.name().isEmpty() ? contract.getSimpleName() : service.name();
        ContractTypes types = ContractTypes.of(contract);
        List<OperationDefinition<?, ?>> operations = new ArrayList<>();
        Map<String, Method> names = new LinkedHashMap<>();
        Map<String, Method> javaNames = new LinkedHashMap<>();
        for (Method m : sortedMethods(contract)) {
            if (m.isSynthetic() || m.isBridge() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Operation op = m.getAnnotation(Operation.class);
            String where = contract.getSimpleName() + "." + m.getName();
            if (op == null) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    problems.add(where + " is not annotated @Operation: annotate it, or remove it from the contract"
                            + " (helper methods must be default or static)");
                }
                continue;
            }
            if (!Modifier.isAbstract(m.getModifiers())) {
                problems.add(where + " is a default method: an @Operation must be abstract; remove its body");
            }
            int params = m.getParameterCount();
            if (params > 1) {
                problems.add(where + " has " + params + " parameters: an operation takes at most one input;"
                        + " wrap the values in a record");
            }
            if (m.getTypeParameters().length > 0) {
                problems.add(where + " declares type parameters: operation input and output types must be"
                        + " concrete; remove the method's type variables");
            }
            for (Class<?> ex : m.getExceptionTypes()) {
                if (!RuntimeException.class.isAssignableFrom(ex) && !Error.class.isAssignableFrom(ex)) {
                    problems.add(where + " declares checked exception " + ex.getSimpleName() + ": remove it from"
                            + " the throws clause (handlers report failures with OperationException or"
                            + " HandlerException)");
                }
            }
            Method overloaded = javaNames.putIfAbsent(m.getName(), m);
            if (overloaded != null) {
                // reported once per name, whatever the @Operation names say
                problems.add(where + " is overloaded: operation methods need unique Java names so implementations"
                        + " can be matched to them; rename one");
                continue;
            }
            String opName = op.name().isEmpty() ? m.getName() : op.name();
            Method previous = names.putIfAbsent(opName, m);
            if (previous != null) {
                problems.add(where + " and " + contract.getSimpleName() + "." + previous.getName()
                        + " both declare operation \"" + opName + "\": give one of them another"
                        + " @Operation(name = ...)");
            }
            Type input = params == 1 ? types.resolve(m.getGenericParameterTypes()[0]) : void.class;
            Type output = types.resolve(m.getGenericReturnType());
            if (m.getTypeParameters().length == 0 && contract.getTypeParameters().length == 0) {
                unresolved(where, "input", input, problems);
                unresolved(where, "output", output, problems);
            }
            operations.add(new OperationDefinition<>(opName, m.getName(), input, output, m));
        }
        if (operations.isEmpty() && problems.isEmpty()) {
            problems.add(contract.getName() + " declares no operations: add at least one @Operation method");
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(contract.getName(), problems);
        }
        return new ServiceDefinition(serviceName, contract, operations);
    }

    private static void unresolved(String where, String role, Type type, List<String> problems) {
        java.lang.reflect.TypeVariable<?> v = ContractTypes.firstVariable(type);
        if (v != null) {
            problems.add(where + " has " + role + " type " + type.getTypeName() + " with unbound type variable "
                    + v.getName() + ": operation types must be concrete; bind " + v.getName() + " where the"
                    + " contract extends its generic base interface, or use a concrete type");
        }
    }

    private static String typeParameters(Class<?> c) {
        StringBuilder sb = new StringBuilder("<");
        for (java.lang.reflect.TypeVariable<?> v : c.getTypeParameters()) {
            sb.append(sb.length() == 1 ? "" : ", ").append(v.getName());
        }
        return sb.append('>').toString();
    }

    private static List<Method> sortedMethods(Class<?> contract) {
        // getMethods() order is unspecified; sort so error messages and iteration order are stable
        List<Method> methods = new ArrayList<>(List.of(contract.getMethods()));
        methods.removeIf(m -> m.getDeclaringClass() == Object.class);
        methods.sort((a, b) -> {
            int c = a.getName().compareTo(b.getName());
            return c != 0 ? c : Integer.compare(a.getParameterCount(), b.getParameterCount());
        });
        return methods;
    }

    /** The Nexus service name. */
    public String name() {
        return name;
    }

    /** The contract interface, or {@code null} when the definition was not read from one. */
    public Class<?> contract() {
        return contract;
    }

    /** The operations in declaration-independent, stable order. */
    public Collection<OperationDefinition<?, ?>> operations() {
        return byName.values();
    }

    /** The operation with the given Nexus name. */
    public Optional<OperationDefinition<?, ?>> operation(String nexusName) {
        return Optional.ofNullable(byName.get(nexusName));
    }

    /** The operation declared by the Java method with the given name. */
    public Optional<OperationDefinition<?, ?>> operationByJavaName(String javaName) {
        return Optional.ofNullable(byJavaName.get(javaName));
    }

    @Override
    public String toString() {
        return "ServiceDefinition[" + name + ", operations=" + byName.keySet() + "]";
    }
}
