package nexusrpc.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a {@link Service} interface as a Nexus operation.
 *
 * <p>The method has the shape {@code O op(I input)} or {@code O op()}; {@code void} output means no result.
 * Generic types such as {@code List<Item>} are kept, so payloads deserialize to the declared type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Operation {
    /** The Nexus operation name; any string is allowed. Empty (the default) means the Java method name. */
    String name() default "";
}
