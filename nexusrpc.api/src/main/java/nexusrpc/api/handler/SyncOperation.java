package nexusrpc.api.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shorthand style: the annotated method is the {@code start} of a synchronous operation. Shapes: {@code O
 * op(OperationContext ctx, I input)}, {@code O op(I input)}, {@code O op(OperationContext ctx)} or {@code O op()}.
 * The other verbs answer {@code NOT_IMPLEMENTED}. The method may throw {@code OperationException} or {@code
 * HandlerException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@OperationKindAnnotation
public @interface SyncOperation {}
