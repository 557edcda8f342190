package nexusrpc.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import nexusrpc.api.Failure;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;

/**
 * The protocol's JSON documents (Failure, OperationInfo), written with a streaming generator and read with the
 * tree model: no data binding, so no reflective access to our types is needed. One shared, thread-safe mapper.
 */
public final class WireJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Failures nested deeper than this are cut: a peer must not make us recurse without bound. */
    private static final int MAX_DEPTH = 32;

    private WireJson() {}

    /**
     * Writes a failure as it is: with the stack traces it carries, if any. Whether a failure carries them is
     * decided where it is made (the handler's {@code includeStackTraces}), not here.
     */
    public static byte[] failure(Failure f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + f.message().length());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeFailure(g, f, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeFailure(JsonGenerator g, Failure f, int depth) throws IOException {
        g.writeStartObject();
        g.writeStringField("message", f.message());
        if (f.stackTrace() != null && !f.stackTrace().isEmpty()) {
            g.writeStringField("stackTrace", f.stackTrace());
        }
        if (!f.metadata().isEmpty()) {
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : f.metadata().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (f.detailsJson() != null && !f.detailsJson().isBlank()) {
            g.writeFieldName("details");
            g.writeRawValue(f.detailsJson());
        }
        if (f.cause() != null && depth < MAX_DEPTH) {
            g.writeFieldName("cause");
            writeFailure(g, f.cause(), depth + 1);
        }
        g.writeEndObject();
    }

    /** Writes an OperationInfo, with {@code id} repeating the token for callers that predate tokens. */
    public static byte[] operationInfo(String token, OperationState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48 + 2 * token.length());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", token);
            g.writeStringField("token", token);
            g.writeStringField("state", state.wireName());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The details object of a handler error. */
    public static String handlerErrorDetails(String type, Boolean retryableOverride) {
        StringBuilder sb = new StringBuilder(48).append("{\"type\":");
        appendQuoted(sb, type);
        if (retryableOverride != null) {
            sb.append(",\"retryableOverride\":").append(retryableOverride);
        }
        return sb.append('}').toString();
    }

    /** The details object of an operation error. */
    public static String operationErrorDetails(OperationState state) {
        return "{\"state\":\"" + state.wireName() + "\"}";
    }

    private static void appendQuoted(StringBuilder sb, String s) {
        try {
            sb.append(MAPPER.writeValueAsString(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a JSON document.
     *
     * @throws IllegalArgumentException if it is not JSON
     */
    public static JsonNode tree(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("the body is empty, expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }

    /**
     * Reads a Failure object.
     *
     * @throws IllegalArgumentException saying what does not fit the Failure schema
     */
    public static Failure parseFailure(byte[] json) {
        return toFailure(tree(json), "", 0);
    }

    private static Failure toFailure(JsonNode n, String path, int depth) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("the failure" + path + " must be a JSON object");
        }
        String message = text(n, "message", path);
        String stack = text(n, "stackTrace", path);
        Map<String, String> metadata = Map.of();
        JsonNode md = n.get("metadata");
        if (md != null && !md.isNull()) {
            if (!md.isObject()) {
                throw new IllegalArgumentException("\"metadata\"" + path + " must be an object of strings");
            }
            metadata = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : md.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException(
                            "\"metadata." + e.getKey() + "\"" + path + " must be a string");
                }
                metadata.put(e.getKey(), e.getValue().textValue());
            }
        }
        JsonNode details = n.get("details");
        String detailsJson = details == null || details.isNull() ? null : details.toString();
        JsonNode cause = n.get("cause");
        Failure causeFailure = cause == null || cause.isNull() || depth >= MAX_DEPTH
                ? null
                : toFailure(cause, path + " (cause)", depth + 1);
        return new Failure(message, stack, metadata, detailsJson, causeFailure);
    }

    private static String text(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\"" + path + " must be a string");
        }
        return v.textValue();
    }

    /** A field of a failure's details, or {@code null}. */
    public static JsonNode detail(Failure f, String field) {
        if (f.detailsJson() == null) {
            return null;
        }
        try {
            JsonNode d = MAPPER.readTree(f.detailsJson());
            return d == null ? null : d.get(field);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads an OperationInfo ({@code token}, or {@code id} from older handlers, and {@code state}).
     *
     * @throws IllegalArgumentException saying what is missing or wrong
     */
    public static OperationInfo parseOperationInfo(byte[] json) {
        JsonNode n = tree(json);
        if (!n.isObject()) {
            throw new IllegalArgumentException("the operation info must be a JSON object");
        }
        JsonNode token = n.hasNonNull("token") ? n.get("token") : n.get("id");
        if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
            throw new IllegalArgumentException("the operation info has no \"token\" string");
        }
        JsonNode state = n.get("state");
        if (state == null || !state.isTextual()) {
            throw new IllegalArgumentException("the operation info has no \"state\" string");
        }
        return new OperationInfo(token.textValue(), OperationState.fromWireName(state.textValue()));
    }
}
