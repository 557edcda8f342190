package nexusrpc.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stability markers, in the manner of Helidon's {@code @Api.Stable}/{@code @Api.Incubating}. The Nexus protocol is
 * before 1.0, so the SDK says on each public type how much it promises:
 *
 * <ul>
 *   <li>{@link Stable}: changes only in a major release;</li>
 *   <li>{@link Incubating}: may change in a minor release, with a note in the release notes;</li>
 *   <li>{@link ForTransports}: for authors of transports and operation kinds; follows the protocol and may change
 *       with it, in a minor release.</li>
 * </ul>
 *
 * <p>A type without a marker is {@link Stable} if it is in an exported package of {@code nexusrpc.api}, and
 * {@link Incubating} elsewhere. The markers are kept in class files (not at run time) for tools.
 */
public final class Api {
    private Api() {}

    /** Changes only in a major release. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD,
            ElementType.PACKAGE})
    public @interface Stable {}

    /** May change in a minor release; the release notes say how. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD,
            ElementType.PACKAGE})
    public @interface Incubating {}

    /**
     * For authors of transports and operation kinds, not for service code: follows the Nexus protocol, which is
     * before 1.0, and may change with it in a minor release.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD,
            ElementType.PACKAGE})
    public @interface ForTransports {}
}
