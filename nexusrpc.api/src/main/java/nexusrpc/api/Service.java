package nexusrpc.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as a Nexus service contract, shared by callers and handlers.
 *
 * <p>Every abstract method of the interface must carry {@link Operation}. Parse a contract with {@link
 * ServiceDefinition#of(Class)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Service {
    /** The Nexus service name; empty (the default) means the interface's simple name. */
    String name() default "";
}
