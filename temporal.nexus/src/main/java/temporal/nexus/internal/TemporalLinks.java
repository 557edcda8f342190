package temporal.nexus.internal;

import io.temporal.api.common.v1.Link;
import io.temporal.api.enums.v1.EventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts between Nexus links ({@code nexusrpc.api.Link}: a URI and a type) and Temporal's workflow-event links,
 * in the URL form Temporal uses: {@code temporal:///namespaces/NS/workflows/WID/RID/history?referenceType=
 * EventReference&eventType=WorkflowExecutionStarted[&eventID=N]}, or {@code referenceType=RequestIdReference&
 * requestID=R&eventType=...} for a link to the event that recorded a request id.
 */
public final class TemporalLinks {
    /** The Nexus link type of a Temporal workflow event. */
    public static final String WORKFLOW_EVENT_TYPE = Link.WorkflowEvent.getDescriptor().getFullName();
    private static final String EVENT_REFERENCE = Link.WorkflowEvent.EventReference.getDescriptor().getName();
    private static final String REQUEST_ID_REFERENCE =
            Link.WorkflowEvent.RequestIdReference.getDescriptor().getName();

    private TemporalLinks() {}

    /** The Nexus link to the start event of a workflow run. */
    public static nexusrpc.api.Link workflowStarted(String namespace, String workflowId, String runId) {
        String url = "temporal:///namespaces/" + encode(namespace) + "/workflows/" + encode(workflowId) + "/"
                + encode(runId) + "/history?referenceType=" + EVENT_REFERENCE + "&eventType=WorkflowExecutionStarted";
        return new nexusrpc.api.Link(URI.create(url), WORKFLOW_EVENT_TYPE);
    }

    /** The caller's workflow-event links as Temporal links (to attach to what the operation starts); others are dropped. */
    public static List<Link> toTemporal(List<nexusrpc.api.Link> links) {
        if (links.isEmpty()) {
            return List.of();
        }
        List<Link> out = new ArrayList<>(links.size());
        for (nexusrpc.api.Link l : links) {
            if (WORKFLOW_EVENT_TYPE.equals(l.type())) {
                Link.WorkflowEvent event = parseWorkflowEvent(l.uri());
                if (event != null) {
                    out.add(Link.newBuilder().setWorkflowEvent(event).build());
                }
            }
        }
        return out;
    }

    /** A Nexus link from the wire form; {@code null} when the URL is not a valid URI. */
    public static nexusrpc.api.Link fromWire(io.temporal.api.nexus.v1.Link link) {
        try {
            return new nexusrpc.api.Link(new URI(link.getUrl()), link.getType());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The wire form of a Nexus link. */
    public static io.temporal.api.nexus.v1.Link toWire(nexusrpc.api.Link link) {
        return io.temporal.api.nexus.v1.Link.newBuilder().setUrl(link.uri().toString()).setType(link.type()).build();
    }

    private static Link.WorkflowEvent parseWorkflowEvent(URI uri) {
        if (!"temporal".equals(uri.getScheme()) || uri.getRawPath() == null) {
            return null;
        }
        // "", "namespaces", ns, "workflows", wid, rid, "history"
        String[] p = uri.getRawPath().split("/", -1);
        if (p.length != 7 || !"namespaces".equals(p[1]) || !"workflows".equals(p[3]) || !"history".equals(p[6])) {
            return null;
        }
        String referenceType = null;
        String requestId = null;
        EventType eventType = EventType.EVENT_TYPE_UNSPECIFIED;
        long eventId = 0;
        String query = uri.getRawQuery();
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = decode(kv.substring(eq + 1));
                try {
                    switch (kv.substring(0, eq)) {
                        case "referenceType":
                            referenceType = value;
                            break;
                        case "eventType":
                            eventType = eventType(value);
                            break;
                        case "eventID":
                            eventId = Long.parseLong(value);
                            break;
                        case "requestID":
                            requestId = value;
                            break;
                        default:
                            break;
                    }
                } catch (IllegalArgumentException e) {
                    return null; // not a link we understand: do not attach a wrong one
                }
            }
        }
        Link.WorkflowEvent.Builder event = Link.WorkflowEvent.newBuilder().setNamespace(decode(p[2]))
                .setWorkflowId(decode(p[4])).setRunId(decode(p[5]));
        if (REQUEST_ID_REFERENCE.equals(referenceType)) {
            if (requestId == null) {
                return null;
            }
            event.setRequestIdRef(Link.WorkflowEvent.RequestIdReference.newBuilder().setRequestId(requestId)
                    .setEventType(eventType));
        } else if (referenceType == null || EVENT_REFERENCE.equals(referenceType)) {
            event.setEventRef(Link.WorkflowEvent.EventReference.newBuilder().setEventId(eventId)
                    .setEventType(eventType));
        } else {
            return null; // a reference of a kind we do not know: do not attach a wrong one
        }
        return event.build();
    }

    /** {@code WorkflowExecutionStarted} or {@code EVENT_TYPE_WORKFLOW_EXECUTION_STARTED} to the enum. */
    private static EventType eventType(String name) {
        if (name.startsWith("EVENT_TYPE_")) {
            return EventType.valueOf(name);
        }
        StringBuilder sb = new StringBuilder("EVENT_TYPE_");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return EventType.valueOf(sb.toString().toUpperCase(Locale.ROOT));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
