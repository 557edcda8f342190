package nexusrpc.api;

import java.net.URI;
import java.util.Objects;

/**
 * A link to a resource related to an operation (e.g. the workflow that backs it), carried between caller and
 * handler in both directions.
 *
 * @param uri where the resource is
 * @param type the type of the resource, e.g. {@code temporal.api.common.v1.Link.WorkflowEvent}
 */
public record Link(URI uri, String type) {
    /** Checks that both parts are present. */
    public Link {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(type, "type");
    }
}
