package nexusrpc.api;

import java.util.Map;
import java.util.Objects;

/**
 * The Nexus failure value sent over the wire for handler errors and failed or canceled operations.
 *
 * @param message a human-readable message
 * @param stackTrace a stack trace, or {@code null}; only filled when the server is configured to expose it
 * @param metadata string metadata, e.g. {@code type}
 * @param detailsJson arbitrary details as JSON text, or {@code null}
 * @param cause the underlying failure, or {@code null}
 */
public record Failure(
        String message, String stackTrace, Map<String, String> metadata, String detailsJson, Failure cause) {
    /** Copies the metadata and replaces a null message by an empty one. */
    public Failure {
        message = message == null ? "" : message;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A failure with only a message. */
    public static Failure of(String message) {
        return new Failure(message, null, Map.of(), null, null);
    }

    /** This failure with another cause. */
    public Failure withCause(Failure newCause) {
        return new Failure(message, stackTrace, metadata, detailsJson, newCause);
    }

    /** Returns a copy with the given metadata entry added. */
    public Failure withMetadata(String key, String value) {
        Objects.requireNonNull(key, "key");
        var copy = new java.util.HashMap<>(metadata);
        copy.put(key, value);
        return new Failure(message, stackTrace, copy, detailsJson, cause);
    }
}
