package arch.tests.kind;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import nexusrpc.api.handler.OperationKindAnnotation;

/**
 * Marks a method {@code String op(String input)} of a {@code @ServiceImpl} class as an operation of the
 * {@code arch.tests.kind.internal.EchoTwiceOperationKind}: the method's result is answered twice, joined by a space.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@OperationKindAnnotation
public @interface EchoTwice {}
