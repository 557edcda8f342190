package nexusrpc.processor;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * An operation of a contract as the compiler sees it.
 *
 * @param name the Nexus operation name
 * @param method the contract method
 * @param input the input type as a member of the contract (super-interface type variables bound), or the
 *     {@code void} type when the operation takes no input
 * @param output the output type as a member of the contract
 */
record ContractOperation(String name, ExecutableElement method, TypeMirror input, TypeMirror output) {
    /** The Java method name, by which implementation methods are matched. */
    String javaName() {
        return method.getSimpleName().toString();
    }
}
