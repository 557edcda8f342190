package temporal.nexus.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.spi.ContractReader;

/**
 * Reads contracts written with the official {@code io.nexusrpc.Service} / {@code io.nexusrpc.Operation}
 * annotations (which Temporal's typed Nexus stubs require), so one interface serves both Temporal callers with
 * typed stubs and this SDK's handlers. Names default as in the official SDK: the interface's simple name and the
 * method's name.
 */
public final class OfficialContractReader implements ContractReader {
    /** Creates the reader (ServiceLoader). */
    public OfficialContractReader() {}

    @Override
    public Optional<ServiceDefinition> read(Class<?> contract) {
        io.nexusrpc.Service service = contract.getAnnotation(io.nexusrpc.Service.class);
        if (service == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (!contract.isInterface()) {
            problems.add(contract.getName() + " is annotated @io.nexusrpc.Service but is not an interface");
        }
        List<OperationDefinition<?, ?>> operations = new ArrayList<>();
        List<Method> methods = new ArrayList<>(List.of(contract.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.getDeclaringClass() == Object.class || m.isSynthetic() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String where = contract.getSimpleName() + "." + m.getName();
            io.nexusrpc.Operation op = m.getAnnotation(io.nexusrpc.Operation.class);
            if (op == null) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    problems.add(where + " is not annotated @io.nexusrpc.Operation: annotate it, or remove it");
                }
                continue;
            }
            if (m.getParameterCount() > 1) {
                problems.add(where + " has " + m.getParameterCount() + " parameters: an operation takes at most one"
                        + " input; wrap the values in a record");
                continue;
            }
            Type input = m.getParameterCount() == 1 ? m.getGenericParameterTypes()[0] : void.class;
            String name = op.name().isEmpty() ? m.getName() : op.name();
            operations.add(new OperationDefinition<>(name, m.getName(), input, m.getGenericReturnType(), m));
        }
        if (operations.isEmpty() && problems.isEmpty()) {
            problems.add(contract.getName() + " declares no operations: add at least one @io.nexusrpc.Operation method");
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(contract.getName(), problems);
        }
        String serviceName = service.name().isEmpty() ? contract.getSimpleName() : service.name();
        return Optional.of(ServiceDefinition.of(serviceName, contract, operations));
    }
}
