package nexusrpc.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Reports at compile time what registration would reject: invalid {@code @Service} contracts, and
 * {@code @ServiceImpl} classes that do not match their contract. Each problem is a compiler error on the element
 * it is about, worded as registration words it.
 *
 * <p>Enable it by putting the {@code nexusrpc.handler} artifact with classifier {@code processor} on the
 * annotation processor path. It reads only the compiler's model (it loads no user classes and no plugins) and
 * claims no annotations, so other processors still see them.
 */
@SupportedAnnotationTypes({ModelTools.SERVICE, ModelTools.SERVICE_IMPL})
public final class ServiceContractProcessor extends AbstractProcessor {
    // contracts whose problems this compilation has already reported on the contract itself
    private final Set<String> reportedContracts = new HashSet<>();

    /** Creates the processor (the compiler finds it with ServiceLoader). */
    public ServiceContractProcessor() {}

    /** The latest version: the checks read declarations only, which newer language versions do not change. */
    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /** Checks this round's contracts, then its implementations; claims nothing, so returns {@code false}. */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        ModelTools model = new ModelTools(processingEnv);
        ContractParser parser = new ContractParser(model);
        ImplChecker checker = new ImplChecker(model);
        Messager messager = processingEnv.getMessager();
        TypeElement service = find(annotations, ModelTools.SERVICE);
        if (service != null) {
            for (Element e : round.getElementsAnnotatedWith(service)) {
                TypeElement contract = (TypeElement) e;
                report(messager, parser.parse(contract, ModelTools.OPERATION).problems());
                reportedContracts.add(contract.getQualifiedName().toString());
            }
        }
        TypeElement serviceImpl = find(annotations, ModelTools.SERVICE_IMPL);
        if (serviceImpl != null) {
            for (Element e : round.getElementsAnnotatedWith(serviceImpl)) {
                checkImpl((TypeElement) e, model, parser, checker, messager);
            }
        }
        return false;
    }

    private void checkImpl(
            TypeElement impl, ModelTools model, ContractParser parser, ImplChecker checker, Messager messager) {
        AnnotationMirror marker = ModelTools.annotation(impl, ModelTools.SERVICE_IMPL);
        Object value = marker == null ? null : model.value(marker, "value");
        if (!(value instanceof TypeMirror) || ((TypeMirror) value).getKind() != TypeKind.DECLARED) {
            return; // the compiler reports a missing or unresolvable class itself
        }
        TypeElement type = (TypeElement) ((DeclaredType) value).asElement();
        String implName = impl.getSimpleName().toString();
        if (ModelTools.annotation(type, ModelTools.SERVICE) != null) {
            Contract contract = parser.parse(type, ModelTools.OPERATION);
            if (contract.problems().isEmpty()) {
                report(messager, checker.check(impl, contract));
            } else if (!reportedContracts.contains(type.getQualifiedName().toString())) {
                // a contract from a library: its problems would otherwise go unreported until registration
                for (Problem p : contract.problems()) {
                    messager.printMessage(Diagnostic.Kind.ERROR, "the contract of " + implName + ", "
                            + type.getQualifiedName() + ", is invalid: " + p.message(), impl, marker);
                }
            }
        } else if (ModelTools.annotation(type, ModelTools.OFFICIAL_SERVICE) != null) {
            // temporal.nexus reads (and validates) such contracts at registration; match the impl against them
            Contract contract = parser.parse(type, ModelTools.OFFICIAL_OPERATION);
            report(messager, checker.check(impl, new Contract(type, contract.operations(), List.of())));
        } else {
            // a ContractReader plugin may read other annotations at registration; without one, registration fails
            messager.printMessage(Diagnostic.Kind.WARNING, type.getQualifiedName() + ", the contract of " + implName
                    + ", is not annotated @Service: add @Service (optionally with a name), unless a ContractReader"
                    + " plugin reads it at registration", impl, marker);
        }
    }

    private static TypeElement find(Set<? extends TypeElement> annotations, String qualifiedName) {
        for (TypeElement a : annotations) {
            if (a.getQualifiedName().contentEquals(qualifiedName)) {
                return a;
            }
        }
        return null;
    }

    private static void report(Messager messager, List<Problem> problems) {
        for (Problem p : problems) {
            if (p.annotation() == null) {
                messager.printMessage(p.kind(), p.message(), p.element());
            } else {
                messager.printMessage(p.kind(), p.message(), p.element(), p.annotation());
            }
        }
    }
}
