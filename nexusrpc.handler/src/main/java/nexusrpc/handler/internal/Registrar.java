package nexusrpc.handler.internal;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationKindAnnotation;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.spi.ContractReader;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;

/**
 * Checks service implementations against their contracts and builds the immutable routing table. Collects every
 * problem of every service before failing, so one run shows all there is to fix.
 */
public final class Registrar {
    /**
     * A service to register.
     *
     * @param instance the implementation
     * @param lookup the user's lookup (full access to the implementation class), or {@code null}
     */
    public record Registration(Object instance, MethodHandles.Lookup lookup) {}

    /**
     * Wraps an operation's handler, as {@code nexusrpc.handler.Middleware} does; declared here so that this
     * package does not depend on the public package that depends on it (no package cycle).
     */
    @FunctionalInterface
    public interface Wrapper {
        /** Returns a handler that does the wrapper's work around {@code next}. */
        OperationHandler<Object, Object> wrap(
                ServiceDefinition service, OperationDefinition<?, ?> operation, OperationHandler<Object, Object> next);
    }

    private final List<OperationKind> kinds;
    private final List<ContractReader> readers;
    private final List<Wrapper> middleware;

    /** Creates a registrar with the kinds, readers and middleware (outermost first) to use. */
    public Registrar(List<OperationKind> kinds, List<ContractReader> readers, List<Wrapper> middleware) {
        this.kinds = List.copyOf(kinds);
        this.readers = List.copyOf(readers);
        this.middleware = List.copyOf(middleware);
    }

    /** Reads a contract with the plugged readers, falling back to {@link ServiceDefinition#of(Class)}. */
    public static ServiceDefinition readContract(Class<?> contract, List<ContractReader> readers) {
        for (ContractReader reader : readers) {
            Optional<ServiceDefinition> def = reader.read(contract);
            if (def.isPresent()) {
                return def.get();
            }
        }
        return ServiceDefinition.of(contract);
    }

    /**
     * Registers every service.
     *
     * @throws InvalidContractException listing every problem of every service
     */
    public Map<String, RegisteredService> register(List<Registration> registrations) {
        List<String> problems = new ArrayList<>();
        // what kinds and factories threw, kept with the report so their stack traces are not lost
        List<Throwable> causes = new ArrayList<>();
        Map<String, RegisteredService> services = new LinkedHashMap<>();
        for (Registration r : registrations) {
            RegisteredService s = registerOne(r, problems, causes);
            if (s != null) {
                RegisteredService prev = services.putIfAbsent(s.definition().name(), s);
                if (prev != null) {
                    problems.add("service \"" + s.definition().name() + "\" is registered twice (by "
                            + prev.implementation().getClass().getName() + " and "
                            + s.implementation().getClass().getName() + "): register each service once");
                }
            }
        }
        if (!problems.isEmpty()) {
            InvalidContractException e = new InvalidContractException("service registration", problems);
            causes.forEach(e::addSuppressed);
            throw e;
        }
        return Collections.unmodifiableMap(services);
    }

    private RegisteredService registerOne(Registration r, List<String> problems, List<Throwable> causes) {
        Class<?> runtimeClass = r.instance().getClass();
        if (Proxy.isProxyClass(runtimeClass)) {
            problems.add(runtimeClass.getName() + " is a JDK dynamic proxy (of " + Arrays.toString(
                    runtimeClass.getInterfaces()) + "), which hides the @ServiceImpl class: register the target"
                    + " object itself, or let your container proxy the class instead of its interfaces (Spring:"
                    + " proxyTargetClass = true), so the proxy is a subclass of the @ServiceImpl class");
            return null;
        }
        Class<?> implClass = serviceImplClass(runtimeClass);
        ServiceImpl marker = implClass.getAnnotation(ServiceImpl.class);
        if (marker == null) {
            problems.add(runtimeClass.getName()
                    + " is not annotated @ServiceImpl: add @ServiceImpl(YourContract.class)");
            return null;
        }
        ServiceDefinition contract;
        try {
            contract = readContract(marker.value(), readers);
        } catch (InvalidContractException e) {
            problems.addAll(e.problems());
            return null;
        }
        int before = problems.size();
        Map<String, RegisteredOperation> operations = new LinkedHashMap<>();
        Map<String, Method> implemented = new LinkedHashMap<>();
        Map<String, Method> unannotated = new HashMap<>();
        for (Method m : sortedMethods(implClass)) {
            List<OperationKind> claiming = kindsOf(m);
            if (claiming.isEmpty()) {
                unannotated.putIfAbsent(m.getName(), m);
                continue;
            }
            String where = implClass.getSimpleName() + "." + m.getName();
            if (claiming.size() > 1) {
                implemented.putIfAbsent(m.getName(), m); // ambiguous, not missing: one problem is enough
                problems.add(where + " is claimed by " + claiming.size() + " operation kinds ("
                        + claiming.stream().map(k -> k.name() + " from " + k.getClass().getName())
                                .collect(Collectors.joining(", "))
                        + "): keep one kind annotation, or remove the duplicate kind from the module path");
                continue;
            }
            if (implemented.putIfAbsent(m.getName(), m) != null) {
                problems.add(where + " is overloaded: an operation has exactly one implementation method; rename"
                        + " or remove the other");
                continue;
            }
            Optional<OperationDefinition<?, ?>> op = contract.operationByJavaName(m.getName());
            if (op.isEmpty()) {
                problems.add(where + " (" + claiming.get(0).name() + ") is not an operation of "
                        + marker.value().getSimpleName() + ": add it to the contract or remove the annotation; "
                        + "implementation methods match contract methods by Java name, contract operations are "
                        + contract.operations().stream().map(OperationDefinition::javaName)
                                .collect(Collectors.toList()));
                continue;
            }
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
                problems.add(where + " must be a public instance method to implement operation \""
                        + op.get().name() + "\"");
                continue;
            }
            MethodHandle invoker;
            try {
                invoker = resolve(m, r).bindTo(r.instance());
            } catch (IllegalAccessException e) {
                problems.add(accessProblem(where, m.getDeclaringClass()));
                continue;
            }
            OperationKind kind = claiming.get(0);
            OperationHandler<?, ?> handler;
            try {
                handler = kind.createHandler(new OperationBinding(contract, op.get(), r.instance(), m, invoker));
            } catch (InvalidContractException e) {
                problems.addAll(e.problems());
                if (e.getCause() != null) {
                    causes.add(e.getCause());
                }
                continue;
            } catch (RuntimeException e) {
                problems.add(where + ": operation kind " + kind.name() + " failed to build the handler: " + e);
                causes.add(e);
                continue;
            }
            if (handler == null) {
                problems.add(where + ": operation kind " + kind.name() + " returned no handler");
                continue;
            }
            operations.put(op.get().name(), operation(contract, op.get(), handler, kind));
        }
        for (OperationDefinition<?, ?> op : contract.operations()) {
            if (!implemented.containsKey(op.javaName())) {
                Method present = unannotated.get(op.javaName());
                Annotation uninstalled = present == null ? null : uninstalledKind(present);
                String head = implClass.getSimpleName() + " does not implement operation \"" + op.name()
                        + "\" (contract method " + op.javaName() + "): ";
                if (uninstalled != null) {
                    // the user did annotate it: the plugin that serves the kind is what is missing
                    problems.add(head + "method " + op.javaName() + " is annotated @"
                            + uninstalled.annotationType().getSimpleName() + ", but no installed operation kind serves"
                            + " it (installed: " + installedKinds() + "): add the plugin that provides it to the"
                            + " module path or class path, or register its OperationKind with"
                            + " NexusHandler.Builder.kind(...)");
                    continue;
                }
                problems.add(head
                        + (present != null
                                ? "method " + op.javaName() + " has no operation-kind annotation; annotate it"
                                : "add a public method named " + op.javaName() + " annotated with an operation kind")
                        + ", e.g. " + kindNames());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new RegisteredService(contract, r.instance(), Collections.unmodifiableMap(operations));
    }

    @SuppressWarnings("unchecked")
    private RegisteredOperation operation(
            ServiceDefinition service, OperationDefinition<?, ?> op, OperationHandler<?, ?> handler, OperationKind kind) {
        OperationHandler<Object, Object> h = (OperationHandler<Object, Object>) handler;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            h = middleware.get(i).wrap(service, op, h);
            if (h == null) {
                throw new IllegalStateException("middleware #" + (i + 1) + " (in the order added) returned no handler"
                        + " for"
                        + " operation \"" + op.name() + "\" of service \"" + service.name() + "\": return next to"
                        + " leave an operation unwrapped");
            }
        }
        Type in = op.inputType();
        return new RegisteredOperation(op, h, kind.name(), in, op.outputType(), op.hasNoInput(), handler, null, null);
    }

    private String kindNames() {
        if (kinds.isEmpty()) {
            return "@SyncOperation or @OperationImpl (no operation kind is installed: is plugin discovery off?)";
        }
        return kinds.stream().map(OperationKind::name).collect(Collectors.joining(" or "));
    }

    private static String accessProblem(String where, Class<?> declaring) {
        if (!Modifier.isPublic(declaring.getModifiers())) {
            return "cannot access " + where + ": class " + declaring.getName() + " is not public; make it public,"
                    + " or register the service with NexusHandler.Builder.service(instance, MethodHandles.lookup())";
        }
        return "cannot access " + where + ": export its package to module nexusrpc.handler (\"exports "
                + declaring.getPackageName() + " to nexusrpc.handler;\"), or register the service with"
                + " NexusHandler.Builder.service(instance, MethodHandles.lookup())";
    }

    /** An annotation on {@code m} marked {@link OperationKindAnnotation} that no installed kind claims. */
    private static Annotation uninstalledKind(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(OperationKindAnnotation.class)) {
                return a;
            }
        }
        return null;
    }

    private String installedKinds() {
        return kinds.isEmpty() ? "none; is plugin discovery off?"
                : kinds.stream().map(OperationKind::name).collect(Collectors.joining(", "));
    }

    private List<OperationKind> kindsOf(Method m) {
        List<OperationKind> claiming = new ArrayList<>(1);
        for (OperationKind k : kinds) {
            Class<? extends Annotation> a = k.annotation();
            if (m.isAnnotationPresent(a)) {
                claiming.add(k);
            }
        }
        return claiming;
    }

    private static MethodHandle resolve(Method m, Registration r) throws IllegalAccessException {
        if (r.lookup() != null) {
            return r.lookup().unreflect(m);
        }
        Module target = m.getDeclaringClass().getModule();
        Module self = Registrar.class.getModule();
        if (target.isNamed() && !self.canRead(target)) {
            self.addReads(target);
        }
        return MethodHandles.lookup().unreflect(m);
    }

    /**
     * The class whose {@code @ServiceImpl} and methods define the implementation: the instance's own class, or, for
     * a subclass generated at run time by a container (a CGLIB or ByteBuddy proxy for {@code @Transactional} or any
     * aspect), the nearest superclass carrying {@code @ServiceImpl}. The methods are then resolved on that class
     * and bound to the proxy, so calls dispatch to the proxy's overrides and the aspects apply.
     */
    private static Class<?> serviceImplClass(Class<?> runtimeClass) {
        if (runtimeClass.getDeclaredAnnotation(ServiceImpl.class) != null || !isGenerated(runtimeClass)) {
            return runtimeClass;
        }
        for (Class<?> k = runtimeClass.getSuperclass(); k != null && k != Object.class; k = k.getSuperclass()) {
            if (k.getDeclaredAnnotation(ServiceImpl.class) != null) {
                return k;
            }
        }
        return runtimeClass;
    }

    /** Whether a class was generated by a proxy library: their names carry {@code $$} (CGLIB, Spring, ByteBuddy). */
    private static boolean isGenerated(Class<?> c) {
        return c.isSynthetic() || c.getName().contains("$$") || c.getName().contains("$ByteBuddy$")
                || c.getName().contains("$HibernateProxy$");
    }

    private static List<Method> sortedMethods(Class<?> c) {
        List<Method> methods = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                // a method overridden lower in the hierarchy is the same operation, not an overload
                if (!m.isSynthetic() && !m.isBridge()
                        && signatures.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    methods.add(m);
                }
            }
        }
        methods.sort((a, b) -> a.getName().compareTo(b.getName()));
        return methods;
    }
}
