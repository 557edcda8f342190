package nexusrpc.spring;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the {@code NexusHandler} bean is built ({@code nexus.handler.*}).
 *
 * @param includeStackTraces Whether failures sent to callers include stack traces; otherwise they are only
 *     logged. The one switch for every transport.
 * @param excludeKinds Operation kinds found with ServiceLoader to leave out, by the fully qualified class name of
 *     their implementation.
 */
@ConfigurationProperties("nexus.handler")
public record NexusHandlerProperties(boolean includeStackTraces, @DefaultValue List<String> excludeKinds) {
    /** Checks the values; messages name the property. */
    public NexusHandlerProperties {
        excludeKinds = excludeKinds == null ? List.of() : List.copyOf(excludeKinds);
        for (String kind : excludeKinds) {
            if (kind.isBlank()) {
                throw new IllegalArgumentException("nexus.handler.exclude-kinds has an empty entry: list the fully"
                        + " qualified class names of the operation kinds to leave out");
            }
        }
    }
}
