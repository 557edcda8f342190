package nexusrpc.api.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as the implementation of a service contract.
 *
 * <p>Its public methods annotated with an operation-kind annotation ({@link OperationImpl}, {@link
 * SyncOperation}, or a kind from a plugin; see {@link OperationKindAnnotation}) implement the contract's
 * operations, matched by Java method name. Registration checks the class against the contract and lists every
 * mismatch; the optional annotation processor reports the same mismatches at compile time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServiceImpl {
    /** The contract interface (annotated {@code @Service}) this class implements. */
    Class<?> value();
}
