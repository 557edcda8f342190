package nexusrpc.api.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an annotation type as an operation-kind annotation: a {@link ServiceImpl} method that carries it
 * implements the contract operation of the same Java name.
 *
 * <p>Put it on the annotation an {@code OperationKind} plugin recognizes (as on {@link SyncOperation} and {@link
 * OperationImpl}), so that the compile-time checker ({@code nexusrpc.handler}'s {@code processor} jar) counts such
 * methods as implementations. The checker cannot load plugins, so for these kinds it checks only that the method
 * name matches a contract operation; the plugin checks the method's shape at registration.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface OperationKindAnnotation {}
