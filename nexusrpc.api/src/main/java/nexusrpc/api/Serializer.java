package nexusrpc.api;

import java.lang.reflect.Type;

/**
 * Converts operation inputs and outputs to and from {@link Content}. Replaceable; implementations must be
 * thread-safe.
 */
public interface Serializer {
    /**
     * Serializes a value of the given declared type; {@code null} serializes to {@link Content#empty()}.
     *
     * @throws SerializationException if the value cannot be serialized
     */
    Content serialize(Object value, Type type);

    /**
     * Deserializes content to the given declared type (generic types are honoured).
     *
     * @throws SerializationException if the content does not fit the type; the message says why
     */
    Object deserialize(Content content, Type type);
}
