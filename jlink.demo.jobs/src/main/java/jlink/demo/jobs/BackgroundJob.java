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
 * fetchInfo, fetchResult (with wait), cancel, request-id deduplication and completion callbacks (over whichever
 * transport served the start, if it can deliver them) are provided by the kind.
 *
 * <p>Jobs live in memory, in the process that started them: a restart forgets them (the reason durable kinds such
 * as Temporal workflows exist). A finished job's outcome stays available for {@link #retainSeconds()}, and at most
 * {@link #maxRetained()} finished jobs are kept; a start retried with the same request id gets the operation it
 * already started for as long as that operation is kept.
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

    /**
     * How long a finished job's outcome stays available to fetchInfo and fetchResult (and a retried start with
     * its request id gets it instead of a new job), in seconds.
     */
    long retainSeconds() default 600;

    /**
     * How many finished jobs of this operation are kept at most: beyond it the one that finished first is forgotten
     * before its {@link #retainSeconds()} are over, so memory stays bounded however fast jobs finish.
     */
    int maxRetained() default 10_000;
}
