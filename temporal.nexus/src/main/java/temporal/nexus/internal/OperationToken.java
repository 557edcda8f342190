package temporal.nexus.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Objects;
import nexusrpc.api.HandlerException;

/**
 * An operation token in Temporal's format: base64url (no padding) of a small JSON object {@code {"t":type,
 * "ns":namespace,"wid":workflowId}} plus {@code "uid"} (update id) for update tokens. Tokens made here are read
 * by Temporal's own SDK and the other way round.
 *
 * @param type what backs the operation
 * @param namespace the Temporal namespace
 * @param workflowId the workflow
 * @param updateId the update id ({@link Type#WORKFLOW_UPDATE} only), else {@code null}
 */
public record OperationToken(Type type, String namespace, String workflowId, String updateId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds of backing Temporal uses, with their wire numbers. */
    public enum Type {
        /** A workflow run ({@code t = 1}). */
        WORKFLOW_RUN(1),
        /** An activity execution ({@code t = 2}); recognized, not served here. */
        ACTIVITY(2),
        /** A workflow update ({@code t = 3}). */
        WORKFLOW_UPDATE(3);

        private final int wire;

        Type(int wire) {
            this.wire = wire;
        }

        static Type of(int wire) {
            for (Type t : values()) {
                if (t.wire == wire) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Checks the required parts. */
    public OperationToken {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(workflowId, "workflowId");
    }

    /** A workflow-run token. */
    public static OperationToken workflowRun(String namespace, String workflowId) {
        return new OperationToken(Type.WORKFLOW_RUN, namespace, workflowId, null);
    }

    /** A workflow-update token. */
    public static OperationToken workflowUpdate(String namespace, String workflowId, String updateId) {
        return new OperationToken(Type.WORKFLOW_UPDATE, namespace, workflowId, Objects.requireNonNull(updateId));
    }

    /** The token as sent on the wire. */
    public String encode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("t", type.wire);
        n.put("ns", namespace);
        n.put("wid", workflowId);
        if (updateId != null) {
            n.put("uid", updateId);
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an operation token", e);
        }
    }

    /**
     * Reads a token and checks it is of the expected type and namespace.
     *
     * @throws HandlerException {@code BAD_REQUEST} saying what is wrong with the token
     */
    public static OperationToken decode(String token, Type expected, String expectedNamespace) {
        JsonNode n;
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.trim());
            n = JSON.readTree(json);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw HandlerException.badRequest("the operation token is malformed: expected base64url-encoded JSON"
                    + " as issued by this handler");
        }
        if (n == null || !n.isObject()) {
            throw HandlerException.badRequest("the operation token is malformed: expected a JSON object");
        }
        if (n.has("v") && n.get("v").asInt() != 0) {
            throw HandlerException.badRequest("the operation token has an unsupported version " + n.get("v"));
        }
        Type type = n.path("t").isInt() ? Type.of(n.get("t").asInt()) : null;
        if (type != expected) {
            throw HandlerException.badRequest("the operation token is of type " + n.path("t") + " but this operation"
                    + " issues tokens of type " + expected.wire + " (" + expected.name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        }
        String ns = text(n, "ns");
        String wid = text(n, "wid");
        if (ns == null || wid == null) {
            throw HandlerException.badRequest("the operation token lacks its namespace (ns) or workflow id (wid)");
        }
        if (!ns.equals(expectedNamespace)) {
            throw HandlerException.badRequest("the operation token belongs to namespace \"" + ns
                    + "\" but this handler serves namespace \"" + expectedNamespace + "\"");
        }
        String uid = text(n, "uid");
        if (type == Type.WORKFLOW_UPDATE && uid == null) {
            throw HandlerException.badRequest("the update operation token lacks its update id (uid)");
        }
        return new OperationToken(type, ns, wid, uid);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }
}
