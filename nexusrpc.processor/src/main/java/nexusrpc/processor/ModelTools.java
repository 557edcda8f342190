package nexusrpc.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The questions the checks ask of the compiler's model, answered by annotation and type <em>names</em>: the
 * processor depends on nothing but {@code java.compiler}, never on the SDK's classes.
 */
final class ModelTools {
    static final String SERVICE = "nexusrpc.api.Service";
    static final String OPERATION = "nexusrpc.api.Operation";
    static final String SERVICE_IMPL = "nexusrpc.api.handler.ServiceImpl";
    static final String OPERATION_KIND = "nexusrpc.api.handler.OperationKindAnnotation";
    static final String SYNC_OPERATION = "nexusrpc.api.handler.SyncOperation";
    static final String OPERATION_IMPL = "nexusrpc.api.handler.OperationImpl";
    static final String OPERATION_HANDLER = "nexusrpc.api.handler.OperationHandler";
    static final String OPERATION_CONTEXT = "nexusrpc.api.handler.OperationContext";
    // contracts written with the official SDK's annotations are read at run time by temporal.nexus's reader
    static final String OFFICIAL_SERVICE = "io.nexusrpc.Service";
    static final String OFFICIAL_OPERATION = "io.nexusrpc.Operation";

    final Elements elements;
    final Types types;

    ModelTools(ProcessingEnvironment env) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
    }

    /** The annotation of the given type on {@code element}, or {@code null}. */
    static AnnotationMirror annotation(Element element, String qualifiedName) {
        for (AnnotationMirror a : element.getAnnotationMirrors()) {
            if (nameOf(a).equals(qualifiedName)) {
                return a;
            }
        }
        return null;
    }

    static String nameOf(AnnotationMirror a) {
        return ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
    }

    static String simpleNameOf(AnnotationMirror a) {
        return "@" + a.getAnnotationType().asElement().getSimpleName();
    }

    /** The value of an annotation element, defaults included, or {@code null}. */
    Object value(AnnotationMirror a, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(a).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue().getValue();
            }
        }
        return null;
    }

    /** The annotations on {@code method} whose types are meta-annotated {@code @OperationKindAnnotation}. */
    static List<AnnotationMirror> kindAnnotations(Element method) {
        List<AnnotationMirror> kinds = new ArrayList<>(1);
        for (AnnotationMirror a : method.getAnnotationMirrors()) {
            if (annotation(a.getAnnotationType().asElement(), OPERATION_KIND) != null) {
                kinds.add(a);
            }
        }
        return kinds;
    }

    /** The type with the given name, or {@code null} when it is not on the compilation's path. */
    TypeMirror type(String qualifiedName) {
        TypeElement e = elements.getTypeElement(qualifiedName);
        return e == null ? null : e.asType();
    }

    static boolean is(TypeMirror t, String qualifiedName) {
        return t.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    static boolean isVoid(TypeMirror t) {
        return t.getKind() == TypeKind.VOID || is(t, "java.lang.Void");
    }

    /** A primitive as its box and {@code void} as {@code Void}, as registration compares them. */
    TypeMirror boxed(TypeMirror t) {
        if (t.getKind().isPrimitive()) {
            return types.boxedClass(types.getPrimitiveType(t.getKind())).asType();
        }
        if (t.getKind() == TypeKind.VOID) {
            return elements.getTypeElement("java.lang.Void").asType();
        }
        return t;
    }

    /** Whether two types are the same, generics included, treating a primitive and its box as equal. */
    boolean sameType(TypeMirror a, TypeMirror b) {
        return types.isSameType(boxed(a), boxed(b));
    }

    /** The first type variable anywhere in {@code t}, or {@code null} if it is fully concrete. */
    static TypeVariable firstVariable(TypeMirror t) {
        switch (t.getKind()) {
            case TYPEVAR:
                return (TypeVariable) t;
            case ARRAY:
                return firstVariable(((ArrayType) t).getComponentType());
            case DECLARED:
                for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
                    TypeVariable v = firstVariable(arg);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case WILDCARD:
                WildcardType w = (WildcardType) t;
                TypeMirror bound = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
                return bound == null ? null : firstVariable(bound);
            default:
                return null;
        }
    }

    /** Whether {@code t} has neither wildcards nor type variables, at any depth. */
    static boolean concrete(TypeMirror t) {
        switch (t.getKind()) {
            case TYPEVAR:
            case WILDCARD:
                return false;
            case ARRAY:
                return concrete(((ArrayType) t).getComponentType());
            case DECLARED:
                return ((DeclaredType) t).getTypeArguments().stream().allMatch(ModelTools::concrete);
            default:
                return true;
        }
    }

    /** Whether the compiler requires callers to handle {@code thrown}. */
    boolean isChecked(TypeMirror thrown) {
        TypeMirror runtime = type("java.lang.RuntimeException");
        TypeMirror error = type("java.lang.Error");
        return !(types.isSubtype(thrown, runtime) || types.isSubtype(thrown, error));
    }

    /**
     * The supertype of {@code site} whose element is {@code target}, as {@code site} sees it (type arguments
     * substituted; raw when {@code site} reaches it through a raw type), or {@code null}.
     */
    DeclaredType supertypeOf(TypeMirror site, TypeElement target) {
        if (site.getKind() != TypeKind.DECLARED) {
            return null;
        }
        DeclaredType d = (DeclaredType) site;
        if (d.asElement().equals(target)) {
            return d;
        }
        for (TypeMirror sup : types.directSupertypes(site)) {
            DeclaredType found = supertypeOf(sup, target);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The instance methods a class declares or inherits from its superclasses (not {@code Object}), the lowest
     * override only, sorted by name: the methods registration inspects.
     */
    List<ExecutableElement> classMethods(TypeElement type) {
        List<ExecutableElement> methods = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (TypeElement k = type; k != null && !k.getQualifiedName().contentEquals("java.lang.Object");
                k = superclass(k)) {
            for (ExecutableElement m : ElementFilter.methodsIn(k.getEnclosedElements())) {
                if (signatures.add(signature(m))) {
                    methods.add(m);
                }
            }
        }
        methods.sort(Comparator.comparing(m -> m.getSimpleName().toString()));
        return methods;
    }

    private String signature(ExecutableElement m) {
        StringBuilder sb = new StringBuilder(m.getSimpleName()).append('(');
        m.getParameters().forEach(p -> sb.append(types.erasure(p.asType())).append(','));
        return sb.append(')').toString();
    }

    private TypeElement superclass(TypeElement k) {
        TypeMirror sup = k.getSuperclass();
        return sup.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) sup).asElement() : null;
    }

    /** The method's enclosing type's simple name and the method's name, as registration names methods. */
    static String describe(ExecutableElement m) {
        return m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName();
    }

    static boolean isPublicInstance(ExecutableElement m) {
        return m.getModifiers().contains(Modifier.PUBLIC) && !m.getModifiers().contains(Modifier.STATIC);
    }
}
