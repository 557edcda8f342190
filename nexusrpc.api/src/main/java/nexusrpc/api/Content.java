package nexusrpc.api;

import java.util.Objects;

/**
 * A serialized payload: bytes plus the content headers that describe them.
 *
 * <p>Header names are lower-case and carry no {@code content-} prefix: {@code type}, {@code length}, {@code
 * encoding}... The byte array is not copied: whoever builds a {@code Content} hands it over and must not change
 * it afterwards (this keeps large bodies from being copied on every hop).
 *
 * @param headers content headers, e.g. {@code type -> application/json}
 * @param data the bytes, never {@code null}
 */
public record Content(Headers headers, byte[] data) {
    private static final byte[] NO_BYTES = new byte[0];
    private static final Content EMPTY = new Content(Headers.empty(), NO_BYTES);

    /** Replaces nulls by empty values. */
    public Content {
        headers = headers == null ? Headers.empty() : headers;
        data = data == null ? NO_BYTES : data;
    }

    /** Content with no headers and no bytes: the serialization of {@code null} or no result. */
    public static Content empty() {
        return EMPTY;
    }

    /** Content of the given media type. */
    public static Content of(String type, byte[] data) {
        Objects.requireNonNull(type, "type");
        return new Content(Headers.ofLowerCased(java.util.Map.of("type", type)), data);
    }

    /** The media type ({@code type} header), or {@code null}. */
    public String type() {
        return headers.get("type");
    }

    /** Whether there are no bytes. */
    public boolean isEmpty() {
        return data.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Content
                && headers.equals(((Content) o).headers)
                && java.util.Arrays.equals(data, ((Content) o).data);
    }

    @Override
    public int hashCode() {
        return headers.hashCode() * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Content[type=" + type() + ", " + data.length + " bytes]";
    }
}
