package nexusrpc.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks a {@code @ServiceImpl} class against its contract as registration does ({@code Registrar}), and the
 * method shapes of the two built-in kinds as {@code SyncOperationKind} and {@code ManualOperationKind} do. Methods
 * of plugin kinds (recognized by {@code @OperationKindAnnotation}) are matched by name only: their shape is the
 * plugin's to check, and the processor cannot load plugins.
 */
final class ImplChecker {
    private static final String KIND_EXAMPLES = "e.g. @SyncOperation or @OperationImpl";

    private final ModelTools model;

    ImplChecker(ModelTools model) {
        this.model = model;
    }

    /** Every problem of {@code impl} against {@code contract}, which must itself be free of problems. */
    List<Problem> check(TypeElement impl, Contract contract) {
        List<Problem> problems = new ArrayList<>();
        String implName = impl.getSimpleName().toString();
        if (impl.getKind() == ElementKind.INTERFACE || impl.getKind() == ElementKind.ANNOTATION_TYPE) {
            problems.add(Problem.error(impl, implName + " is an interface: put @ServiceImpl on the class that"
                    + " implements the operations"));
            return problems;
        }
        String contractName = contract.type().getSimpleName().toString();
        Map<String, ExecutableElement> implemented = new LinkedHashMap<>();
        Map<String, ExecutableElement> unannotated = new HashMap<>();
        for (ExecutableElement m : model.classMethods(impl)) {
            List<AnnotationMirror> kinds = ModelTools.kindAnnotations(m);
            String javaName = m.getSimpleName().toString();
            if (kinds.isEmpty()) {
                unannotated.putIfAbsent(javaName, m);
                continue;
            }
            String where = ModelTools.describe(m);
            Element at = on(impl, m);
            if (kinds.size() > 1) {
                implemented.putIfAbsent(javaName, m); // ambiguous, not missing: one problem is enough
                problems.add(Problem.error(at, kinds.get(1), where + " carries " + kinds.size() + " operation-kind"
                        + " annotations (" + kinds.stream().map(ModelTools::simpleNameOf)
                                .collect(Collectors.joining(", "))
                        + "): keep one"));
                continue;
            }
            if (implemented.putIfAbsent(javaName, m) != null) {
                problems.add(Problem.error(at, where + " is overloaded: an operation has exactly one implementation"
                        + " method; rename or remove the other"));
                continue;
            }
            AnnotationMirror kind = kinds.get(0);
            ContractOperation op = contract.operationByJavaName(javaName).orElse(null);
            if (op == null) {
                problems.add(Problem.error(at, where + " (" + ModelTools.simpleNameOf(kind) + ") is not an"
                        + " operation of " + contractName + ": add it to the contract or remove the annotation;"
                        + " implementation methods match contract methods by Java name, contract operations are "
                        + contract.operations().stream().map(ContractOperation::javaName)
                                .collect(Collectors.toList())));
                continue;
            }
            if (!ModelTools.isPublicInstance(m)) {
                problems.add(Problem.error(at, where + " must be a public instance method to implement operation \""
                        + op.name() + "\""));
                continue;
            }
            // the method's types as declared, not as a member of the class: registration reads them by reflection
            // (getGenericReturnType), so a superclass's T stays T there and must here too
            ExecutableType member = (ExecutableType) m.asType();
            String kindName = ModelTools.nameOf(kind);
            if (kindName.equals(ModelTools.SYNC_OPERATION)) {
                checkSync(at, where, op, member, problems);
            } else if (kindName.equals(ModelTools.OPERATION_IMPL)) {
                checkManual(at, where, op, member, problems);
            }
        }
        for (ContractOperation op : contract.operations()) {
            if (implemented.containsKey(op.javaName())) {
                continue;
            }
            ExecutableElement present = unannotated.get(op.javaName());
            String head = implName + " does not implement operation \"" + op.name() + "\" (contract method "
                    + op.javaName() + "): ";
            if (present == null) {
                problems.add(Problem.error(impl, head + "add a public method named " + op.javaName()
                        + " annotated with an operation kind, " + KIND_EXAMPLES));
            } else {
                problems.add(Problem.error(on(impl, present), head + "method " + op.javaName() + " has no"
                        + " operation-kind annotation; annotate it, " + KIND_EXAMPLES + unknownKindHint(present)));
            }
        }
        return problems;
    }

    /** For a method whose annotation may be a plugin kind the processor cannot recognize, says how to fix that. */
    private static String unknownKindHint(ExecutableElement m) {
        List<String> others = m.getAnnotationMirrors().stream()
                .filter(a -> !ModelTools.nameOf(a).startsWith("java.lang."))
                .map(ModelTools::simpleNameOf).collect(Collectors.toList());
        if (others.isEmpty()) {
            return "";
        }
        return " (if " + String.join(" or ", others) + " is an operation kind, meta-annotate its declaration with"
                + " @nexusrpc.api.handler.OperationKindAnnotation so that this check recognizes it)";
    }

    private void checkSync(Element at, String where, ContractOperation op, ExecutableType member,
            List<Problem> problems) {
        List<? extends TypeMirror> params = member.getParameterTypes();
        TypeMirror context = model.type(ModelTools.OPERATION_CONTEXT);
        boolean hasContext = !params.isEmpty() && context != null
                && model.types.isSameType(model.types.erasure(params.get(0)), context);
        int inputs = params.size() - (hasContext ? 1 : 0);
        if (inputs > 1) {
            problems.add(Problem.error(at, where + " has " + params.size() + " parameters: a @SyncOperation method"
                    + " takes (OperationContext ctx, I input), (I input), (OperationContext ctx) or nothing"));
            return;
        }
        TypeMirror input = inputs == 1 ? params.get(hasContext ? 1 : 0) : model.types.getNoType(TypeKind.VOID);
        typeMismatches(at, where, op, input, member.getReturnType(), problems);
    }

    private void checkManual(Element at, String where, ContractOperation op, ExecutableType member,
            List<Problem> problems) {
        if (!member.getParameterTypes().isEmpty()) {
            problems.add(Problem.error(at, where + " takes parameters: an @OperationImpl method is a factory without"
                    + " parameters that returns OperationHandler<I, O>; pass dependencies through the class's"
                    + " constructor"));
        }
        TypeMirror ret = member.getReturnType();
        List<? extends TypeMirror> args = handlerTypeArguments(ret);
        if (args == null) {
            problems.add(Problem.error(at, where + " returns " + ret + ": an @OperationImpl method must return"
                    + " OperationHandler<" + boxedName(op.input()) + ", " + boxedName(op.output()) + "> (or a class"
                    + " implementing it)"));
            return;
        }
        TypeMirror voidType = model.types.getNoType(TypeKind.VOID);
        TypeMirror in = ModelTools.isVoid(op.input()) && ModelTools.is(args.get(0), "java.lang.Void")
                ? voidType : args.get(0);
        TypeMirror out = ModelTools.isVoid(op.output()) && ModelTools.is(args.get(1), "java.lang.Void")
                ? voidType : args.get(1);
        typeMismatches(at, where, op, in, out, problems);
    }

    /**
     * The input and output types a factory's return type fixes: {@code OperationHandler<A, B>} itself or a type
     * implementing it with concrete arguments; {@code null} if they are not fixed (raw, wildcards, type variables).
     */
    private List<? extends TypeMirror> handlerTypeArguments(TypeMirror ret) {
        TypeElement handler = model.elements.getTypeElement(ModelTools.OPERATION_HANDLER);
        if (handler == null) {
            return null;
        }
        DeclaredType seen = model.supertypeOf(ret, handler);
        if (seen == null || seen.getTypeArguments().size() != 2
                || !seen.getTypeArguments().stream().allMatch(ModelTools::concrete)) {
            return null;
        }
        return seen.getTypeArguments();
    }

    private String boxedName(TypeMirror t) {
        return t.getKind() == TypeKind.VOID ? "Void" : model.boxed(t).toString();
    }

    /** Compares as {@code OperationBinding.typeMismatches} does, with its wording. */
    private void typeMismatches(Element at, String where, ContractOperation op, TypeMirror implInput,
            TypeMirror implOutput, List<Problem> problems) {
        String of = "operation \"" + op.name() + "\" of the contract";
        if (!model.sameType(implInput, op.input())) {
            if (ModelTools.isVoid(implInput)) {
                problems.add(Problem.error(at, where + " takes no input but " + of + " takes " + op.input()
                        + ": add a parameter of that type"));
            } else if (ModelTools.isVoid(op.input())) {
                problems.add(Problem.error(at, where + " takes input " + implInput + " but " + of + " takes no"
                        + " input: remove the parameter"));
            } else {
                problems.add(Problem.error(at, where + " takes input " + implInput + " but " + of + " takes "
                        + op.input() + ": make the types equal"));
            }
        }
        if (!model.sameType(implOutput, op.output())) {
            if (ModelTools.isVoid(implOutput)) {
                problems.add(Problem.error(at, where + " returns nothing but " + of + " returns " + op.output()
                        + ": return that type"));
            } else if (ModelTools.isVoid(op.output())) {
                problems.add(Problem.error(at, where + " returns " + implOutput + " but " + of + " returns nothing"
                        + " (void): return void"));
            } else {
                problems.add(Problem.error(at, where + " returns " + implOutput + " but " + of + " returns "
                        + op.output() + ": make the types equal"));
            }
        }
    }

    /** A method declared in a superclass may have no source position here: point at the class then. */
    private static Element on(TypeElement impl, ExecutableElement m) {
        return m.getEnclosingElement().equals(impl) ? m : impl;
    }
}
