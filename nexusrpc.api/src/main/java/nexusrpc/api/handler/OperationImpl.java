package nexusrpc.api.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The fully manual style: a public, parameterless method returning {@code OperationHandler<I, O>} for the
 * contract operation of the same Java name. It is called once, at registration; the handler it returns serves
 * every request.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@OperationKindAnnotation
public @interface OperationImpl {}
