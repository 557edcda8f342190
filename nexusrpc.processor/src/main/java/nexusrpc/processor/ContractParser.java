package nexusrpc.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a contract interface from the compiler's model and finds the problems {@code ServiceDefinition.of(Class)}
 * reports at registration, with the same wording.
 */
final class ContractParser {
    private final ModelTools model;

    ContractParser(ModelTools model) {
        this.model = model;
    }

    /**
     * Reads {@code contract}, whose operations carry the annotation {@code operationAnnotation} (our
     * {@code @Operation}, or the official SDK's for contracts a plugin reads).
     */
    Contract parse(TypeElement contract, String operationAnnotation) {
        List<Problem> problems = new ArrayList<>();
        String simple = contract.getSimpleName().toString();
        String label = "@" + operationAnnotation.substring(operationAnnotation.lastIndexOf('.') + 1);
        if (contract.getKind() != ElementKind.INTERFACE) {
            problems.add(Problem.error(contract, contract.getQualifiedName() + " is not an interface: declare the"
                    + " contract as an interface annotated @Service"));
            return new Contract(contract, List.of(), problems);
        }
        if (!contract.getTypeParameters().isEmpty()) {
            String vars = contract.getTypeParameters().stream().map(v -> v.getSimpleName().toString())
                    .collect(Collectors.joining(", ", "<", ">"));
            problems.add(Problem.error(contract, simple + " declares type parameters " + vars + ": a contract must"
                    + " be concrete; declare a sub-interface that binds them (e.g. interface Items extends " + simple
                    + "<Item>) and annotate that one @Service"));
        }
        DeclaredType site = (DeclaredType) contract.asType();
        List<ContractOperation> operations = new ArrayList<>();
        Map<String, ExecutableElement> names = new LinkedHashMap<>();
        Map<String, ExecutableElement> javaNames = new LinkedHashMap<>();
        for (ExecutableElement m : interfaceMethods(contract)) {
            String where = simple + "." + m.getSimpleName();
            // a method inherited from a compiled super-interface has no source position: point at the contract
            Element at = m.getEnclosingElement().equals(contract) ? m : contract;
            AnnotationMirror op = ModelTools.annotation(m, operationAnnotation);
            if (op == null) {
                if (m.getModifiers().contains(Modifier.ABSTRACT)) {
                    problems.add(Problem.error(at, where + " is not annotated " + label + ": annotate it, or remove"
                            + " it from the contract (helper methods must be default or static)"));
                }
                continue;
            }
            if (m.getModifiers().contains(Modifier.PRIVATE)) {
                problems.add(Problem.error(at, op, where + " is private: an " + label + " must be abstract; remove"
                        + " its body and the private modifier"));
            } else if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
                problems.add(Problem.error(at, where + " is a default method: an " + label + " must be abstract;"
                        + " remove its body"));
            }
            int params = m.getParameters().size();
            if (params > 1) {
                problems.add(Problem.error(at, where + " has " + params + " parameters: an operation takes at most"
                        + " one input; wrap the values in a record"));
            }
            if (!m.getTypeParameters().isEmpty()) {
                problems.add(Problem.error(at, where + " declares type parameters: operation input and output types"
                        + " must be concrete; remove the method's type variables"));
            }
            for (TypeMirror thrown : m.getThrownTypes()) {
                if (model.isChecked(thrown)) {
                    problems.add(Problem.error(at, where + " declares checked exception "
                            + model.types.asElement(thrown).getSimpleName() + ": remove it from the throws clause"
                            + " (handlers report failures with OperationException or HandlerException)"));
                }
            }
            String javaName = m.getSimpleName().toString();
            if (javaNames.putIfAbsent(javaName, m) != null) {
                problems.add(Problem.error(at, where + " is overloaded: operation methods need unique Java names so"
                        + " implementations can be matched to them; rename one"));
                continue;
            }
            Object declared = model.value(op, "name");
            String name = declared == null || declared.toString().isEmpty() ? javaName : declared.toString();
            ExecutableElement previous = names.putIfAbsent(name, m);
            if (previous != null) {
                problems.add(Problem.error(at, op, where + " and " + simple + "." + previous.getSimpleName()
                        + " both declare operation \"" + name + "\": give one of them another " + label
                        + "(name = ...)"));
            }
            ExecutableType member = (ExecutableType) model.types.asMemberOf(site, m);
            TypeMirror input = params == 1 ? member.getParameterTypes().get(0) : model.types.getNoType(TypeKind.VOID);
            TypeMirror output = member.getReturnType();
            if (m.getTypeParameters().isEmpty() && contract.getTypeParameters().isEmpty()) {
                // through a raw super-interface the compiler erases T to its bound; registration sees T unbound
                boolean raw = reachedRaw(site, (TypeElement) m.getEnclosingElement());
                unbound(at, where, "input", raw && params == 1 ? m.getParameters().get(0).asType() : input,
                        problems);
                unbound(at, where, "output", raw ? m.getReturnType() : output, problems);
            }
            operations.add(new ContractOperation(name, m, input, output));
        }
        if (operations.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.error(contract, contract.getQualifiedName() + " declares no operations: add at least"
                    + " one " + label + " method"));
        }
        return new Contract(contract, List.copyOf(operations), List.copyOf(problems));
    }

    private boolean reachedRaw(DeclaredType site, TypeElement declaring) {
        DeclaredType seen = model.supertypeOf(site, declaring);
        return seen != null && seen.getTypeArguments().isEmpty() && !declaring.getTypeParameters().isEmpty();
    }

    private static void unbound(Element at, String where, String role, TypeMirror type, List<Problem> problems) {
        TypeVariable v = ModelTools.firstVariable(type);
        if (v != null) {
            problems.add(Problem.error(at, where + " has " + role + " type " + type + " with unbound type variable "
                    + v + ": operation types must be concrete; bind " + v + " where the contract extends its generic"
                    + " base interface, or use a concrete type"));
        }
    }

    /** The interface's own and inherited instance methods (not {@code Object}'s), sorted as registration sorts. */
    private List<ExecutableElement> interfaceMethods(TypeElement contract) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(model.elements.getAllMembers(contract))) {
            Element owner = m.getEnclosingElement();
            if (!m.getModifiers().contains(Modifier.STATIC) && !(owner instanceof TypeElement
                    && ((TypeElement) owner).getQualifiedName().contentEquals("java.lang.Object"))) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.<ExecutableElement, String>comparing(m -> m.getSimpleName().toString())
                .thenComparingInt(m -> m.getParameters().size()));
        return methods;
    }
}
