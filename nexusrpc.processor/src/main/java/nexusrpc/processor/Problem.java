package nexusrpc.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * One finding, reported on the element (and, where it sharpens the position, the annotation) it is about.
 *
 * @param kind {@code ERROR} for what registration would reject, {@code WARNING} for what only a plugin could make
 *     valid
 * @param element where the compiler points
 * @param annotation the annotation on {@code element} to point at, or {@code null}
 * @param message what is wrong and what to change
 */
record Problem(Diagnostic.Kind kind, Element element, AnnotationMirror annotation, String message) {
    static Problem error(Element element, String message) {
        return new Problem(Diagnostic.Kind.ERROR, element, null, message);
    }

    static Problem error(Element element, AnnotationMirror annotation, String message) {
        return new Problem(Diagnostic.Kind.ERROR, element, annotation, message);
    }
}
