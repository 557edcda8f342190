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

    /**
     * This serializer for one declared type, for a caller that converts many values of it: the engine binds each
     * operation's input and output types once, at registration, so that a serializer can resolve per-type work
     * (Jackson's reader and writer, say) then rather than on every call. The default binds nothing and calls {@link
     * #serialize} and {@link #deserialize} with the type; a serializer that has per-type work overrides it, and its
     * bound forms must convert exactly as those two methods do.
     *
     * @param type the declared type
     * @return a converter of values of {@code type}
     */
    default Bound bind(Type type) {
        Serializer self = this;
        return new Bound() {
            @Override
            public Content serialize(Object value) {
                return self.serialize(value, type);
            }

            @Override
            public Object deserialize(Content content) {
                return self.deserialize(content, type);
            }
        };
    }

    /** A {@link Serializer} bound to one declared type ({@link #bind}); thread-safe like its serializer. */
    interface Bound {
        /**
         * Serializes a value of the bound type, as {@link Serializer#serialize} does.
         *
         * @param value the value, or {@code null}
         * @return its content
         * @throws SerializationException if the value cannot be serialized
         */
        Content serialize(Object value);

        /**
         * Deserializes content to the bound type, as {@link Serializer#deserialize} does.
         *
         * @param content the content
         * @return the value
         * @throws SerializationException if the content does not fit the type; the message says why
         */
        Object deserialize(Content content);
    }
}
