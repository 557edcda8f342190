package temporal.nexus.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.temporal.api.common.v1.Payload;
import java.util.Locale;
import java.util.Map;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.api.SerializationException;

/**
 * Converts Temporal {@link Payload}s to and from our {@link Content}, losslessly.
 *
 * <p>The common payload, JSON ({@code encoding: json/plain} and nothing else), becomes {@code application/json}
 * content with the same bytes, so any JSON serializer can read it. A null payload ({@code binary/null}) becomes
 * empty content. Every other payload (protobuf, raw bytes, codec-encoded or encrypted data, custom encodings)
 * travels whole as {@value #TEMPORAL_PAYLOAD} content: the serialized {@code Payload} message, which only a
 * {@code DataConverter} can decode, exactly as Temporal's own Nexus support carries it.
 */
public final class PayloadContent {
    /** The media type of content that carries a whole serialized Temporal {@code Payload}. */
    public static final String TEMPORAL_PAYLOAD = "application/x-temporal-payload";

    private static final String ENCODING = "encoding";
    private static final ByteString JSON_PLAIN = ByteString.copyFromUtf8("json/plain");
    private static final ByteString BINARY_NULL = ByteString.copyFromUtf8("binary/null");
    private static final ByteString BINARY_PLAIN = ByteString.copyFromUtf8("binary/plain");
    private static final Headers JSON_HEADERS = Headers.ofLowerCased(Map.of("type", "application/json"));
    private static final Headers PAYLOAD_HEADERS = Headers.ofLowerCased(Map.of("type", TEMPORAL_PAYLOAD));
    private static final Payload NULL_PAYLOAD = Payload.newBuilder().putMetadata(ENCODING, BINARY_NULL).build();

    private PayloadContent() {}

    /** The content of a payload; a missing payload is empty content. */
    public static Content toContent(Payload payload) {
        if (payload == null) {
            return Content.empty();
        }
        Map<String, ByteString> metadata = payload.getMetadataMap();
        if (metadata.size() == 1) {
            ByteString encoding = metadata.get(ENCODING);
            if (JSON_PLAIN.equals(encoding)) {
                return new Content(JSON_HEADERS, payload.getData().toByteArray());
            }
            if (BINARY_NULL.equals(encoding) && payload.getData().isEmpty()) {
                return Content.empty();
            }
        } else if (metadata.isEmpty() && payload.getData().isEmpty()) {
            return Content.empty();
        }
        return new Content(PAYLOAD_HEADERS, payload.toByteArray());
    }

    /**
     * The payload of some content: the inverse of {@link #toContent(Payload)}, and a sensible mapping of content
     * from other transports (JSON to {@code json/plain}, raw bytes to {@code binary/plain}).
     *
     * @throws SerializationException if the content cannot be expressed as a payload; the message says why
     */
    public static Payload toPayload(Content content) {
        String type = content.type();
        if (type == null) {
            return content.isEmpty() ? NULL_PAYLOAD : jsonPayload(content);
        }
        String base = baseType(type);
        if (base.equals(TEMPORAL_PAYLOAD)) {
            try {
                return Payload.parseFrom(content.data());
            } catch (InvalidProtocolBufferException e) {
                throw new SerializationException("the content claims to be a Temporal payload (" + TEMPORAL_PAYLOAD
                        + ") but is not a valid serialized Payload message");
            }
        }
        if (base.equals("application/json") || base.endsWith("+json")) {
            return jsonPayload(content);
        }
        if (base.equals("application/octet-stream")) {
            return Payload.newBuilder().putMetadata(ENCODING, BINARY_PLAIN)
                    .setData(UnsafeByteOperations.unsafeWrap(content.data())).build();
        }
        throw new SerializationException("content of type \"" + type + "\" cannot be converted to a Temporal payload:"
                + " send application/json, application/octet-stream or " + TEMPORAL_PAYLOAD);
    }

    /** The {@code encoding} metadata of a payload, for messages; {@code "none"} when absent. */
    public static String encoding(Payload payload) {
        ByteString e = payload.getMetadataMap().get(ENCODING);
        return e == null ? "none" : e.toStringUtf8();
    }

    private static Payload jsonPayload(Content content) {
        // Content bytes are never changed after hand-over (Content's contract), so wrapping without a copy is safe
        return Payload.newBuilder().putMetadata(ENCODING, JSON_PLAIN)
                .setData(UnsafeByteOperations.unsafeWrap(content.data())).build();
    }

    private static String baseType(String type) {
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
