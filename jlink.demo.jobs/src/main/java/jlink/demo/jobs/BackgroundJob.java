package jlink.demo.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import nexusrpc.api.handler.OperationKindAnnotation;

/**
 * A custom operation kind, contributed by this module alone: the annotated method runs during {@code start} to
 * check the input and returns the {@link Job} to run in the background. The operation is always asynchronous;
 * fetchInfo, fetchResult (with wait), cancel, request-id deduplication and completion callbacks are provided by
 * {@link BackgroundJobKind}.
 *
 * <p>Shapes: {@code Job<O> op(I input)} or {@code Job<O> op(OperationContext ctx, I input)}, where {@code I} and
 * {@code O} are the contract operation's input and output types. Throw {@code HandlerException} (e.g. {@code
 * badRequest}) from the method to reject a start.
 */
@Documented
@OperationKindAnnotation
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BackgroundJob {
    /** How many jobs of this operation may run at once; further starts answer {@code RESOURCE_EXHAUSTED}. */
    int maxRunning() default 64;

    /** How long a finished job's outcome stays available to fetchInfo and fetchResult, in seconds. */
    long retainSeconds() default 600;
}
