package temporal.nexus.internal;

import com.google.protobuf.Message;
import io.temporal.api.nexus.v1.CancelOperationRequest;
import io.temporal.api.nexus.v1.CancelOperationResponse;
import io.temporal.api.nexus.v1.Request;
import io.temporal.api.nexus.v1.Response;
import io.temporal.api.nexus.v1.StartOperationRequest;
import io.temporal.api.nexus.v1.StartOperationResponse;
import io.temporal.api.workflowservice.v1.PollNexusTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondNexusTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondNexusTaskFailedRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.SerializationException;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one polled Nexus task into a call of the dispatcher and its outcome into the respond request to send.
 * Stateless apart from configuration; one instance serves all of a worker's threads.
 */
public final class TaskProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TaskProcessor.class);
    private static final String REQUEST_TIMEOUT = "request-timeout";
    private static final Response CANCEL_ACCEPTED = Response.newBuilder()
            .setCancelOperation(CancelOperationResponse.getDefaultInstance()).build();

    private final NexusEndpoint endpoint;
    private final WorkflowClient client;
    private final String namespace;
    private final String taskQueue;
    private final String identity;
    private final Map<Class<?>, Object> tokenExtensions;

    /** Creates a processor serving {@code endpoint} for the given namespace and task queue. */
    public TaskProcessor(NexusEndpoint endpoint, WorkflowClient client, String namespace, String taskQueue,
            String identity) {
        this.endpoint = endpoint;
        this.client = client;
        this.namespace = namespace;
        this.taskQueue = taskQueue;
        this.identity = identity;
        this.tokenExtensions = Map.of(WorkflowClient.class, client);
    }

    /**
     * When the caller stops waiting for this task: receipt time plus its {@code request-timeout}, or null when the
     * header is absent or unreadable (an unreadable one is refused by {@link #process}).
     */
    public static Instant deadline(Request request, Instant receivedAt) {
        Duration timeout = GoDuration.parse(requestTimeout(request));
        return timeout == null ? null : receivedAt.plus(timeout);
    }

    /** The {@code request-timeout} header; servers send it lower-case, any case is accepted rather than ignored. */
    private static String requestTimeout(Request request) {
        Map<String, String> headers = request.getHeaderMap();
        String value = headers.get(REQUEST_TIMEOUT);
        if (value == null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(REQUEST_TIMEOUT)) {
                    value = e.getValue();
                }
            }
        }
        return value;
    }

    /**
     * Serves the task.
     *
     * @return a {@link RespondNexusTaskCompletedRequest} or {@link RespondNexusTaskFailedRequest} to send
     */
    public Message process(PollNexusTaskQueueResponse task, Instant deadline, Cancellation cancellation) {
        Request request = task.getRequest();
        boolean modern = request.getCapabilities().getTemporalFailureResponses();
        PayloadContent.rememberDuringTask();
        try {
            String timeout = requestTimeout(request);
            if (timeout != null && GoDuration.parse(timeout) == null) {
                // as Temporal's own handler and the HTTP transport do: a deadline must not be silently dropped
                return failed(task, error(HandlerException.badRequest("invalid " + REQUEST_TIMEOUT + " header \""
                        + timeout + "\": expected a duration such as 10s or 1m30s")), modern);
            }
            switch (request.getVariantCase()) {
                case START_OPERATION:
                    return start(task, request, deadline, cancellation, modern);
                case CANCEL_OPERATION:
                    return cancel(task, request, deadline, cancellation, modern);
                default:
                    return failed(task, error(HandlerException.notImplemented("this worker does not serve Nexus"
                            + " requests of kind " + request.getVariantCase())), modern);
            }
        } catch (RuntimeException e) {
            // the engine never throws for handler failures: this is a conversion bug or a broken serializer
            LOG.warn("Nexus task on task queue {} failed unexpectedly; the caller gets INTERNAL", taskQueue, e);
            return failed(task, error(HandlerException.internal(
                    "internal error in the Temporal Nexus worker (details are in the handler's log)", null)), modern);
        } finally {
            PayloadContent.forget();
        }
    }

    @SuppressWarnings("deprecation") // operation_id: the legacy name of the token, still read by older servers
    private Message start(PollNexusTaskQueueResponse task, Request request, Instant deadline,
            Cancellation cancellation, boolean modern) {
        StartOperationRequest s = request.getStartOperation();
        Headers headers = Headers.of(request.getHeaderMap());
        Map<String, String> callbackHeaders = s.getCallbackHeaderMap();
        Map<Class<?>, Object> extensions = Map.of(WorkflowClient.class, client,
                TaskExtras.class, new TaskExtras(namespace, taskQueue, callbackHeaders));
        StartRequest start = new StartRequest(s.getService(), s.getOperation(), headers, emptyToNull(s.getRequestId()),
                emptyToNull(s.getCallback()), Headers.of(callbackHeaders), links(s.getLinksList()), deadline,
                GoDuration.parse(headers.get("operation-timeout")),
                s.hasPayload() ? PayloadContent.toContent(s.getPayload()) : Content.empty(), cancellation, extensions);
        StartOutcome outcome = endpoint.start(start);
        StartOperationResponse response;
        if (outcome instanceof StartOutcome.Sync) {
            StartOutcome.Sync sync = (StartOutcome.Sync) outcome;
            io.temporal.api.common.v1.Payload payload;
            try {
                payload = PayloadContent.toPayload(sync.result());
            } catch (SerializationException e) {
                LOG.warn("the result of {}/{} cannot be sent to Temporal: {}", s.getService(), s.getOperation(),
                        e.getMessage());
                return failed(task, error(HandlerException.internal("the operation's result cannot be converted"
                        + " to a Temporal payload: " + e.getMessage(), null)), modern);
            }
            StartOperationResponse.Sync.Builder b = StartOperationResponse.Sync.newBuilder().setPayload(payload);
            for (Link l : sync.links()) {
                b.addLinks(TemporalLinks.toWire(l));
            }
            response = StartOperationResponse.newBuilder().setSyncSuccess(b).build();
        } else if (outcome instanceof StartOutcome.Async) {
            StartOutcome.Async async = (StartOutcome.Async) outcome;
            StartOperationResponse.Async.Builder b = StartOperationResponse.Async.newBuilder()
                    .setOperationToken(async.token())
                    .setOperationId(async.token()); // deprecated field, still read by older servers
            for (Link l : async.links()) {
                b.addLinks(TemporalLinks.toWire(l));
            }
            response = StartOperationResponse.newBuilder().setAsyncSuccess(b).build();
        } else if (outcome instanceof OperationFailure) {
            response = FailureMapping.operationFailure((OperationFailure) outcome, modern);
        } else {
            return failed(task, (HandlerError) outcome, modern);
        }
        return completed(task, Response.newBuilder().setStartOperation(response).build());
    }

    @SuppressWarnings("deprecation") // operation_id: older servers send the token only under this name
    private Message cancel(PollNexusTaskQueueResponse task, Request request, Instant deadline,
            Cancellation cancellation, boolean modern) {
        CancelOperationRequest c = request.getCancelOperation();
        String token = c.getOperationToken().isEmpty() ? c.getOperationId() : c.getOperationToken();
        if (token.isEmpty()) {
            return failed(task, error(HandlerException.badRequest("the cancel request carries no operation token")),
                    modern);
        }
        TokenRequest tr = new TokenRequest(c.getService(), c.getOperation(), token,
                Headers.of(request.getHeaderMap()), deadline, cancellation, tokenExtensions);
        CancelOutcome outcome = endpoint.cancel(tr);
        if (outcome instanceof HandlerError) {
            return failed(task, (HandlerError) outcome, modern);
        }
        return completed(task, CANCEL_ACCEPTED);
    }

    private RespondNexusTaskCompletedRequest completed(PollNexusTaskQueueResponse task, Response response) {
        return RespondNexusTaskCompletedRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                .setTaskToken(task.getTaskToken()).setResponse(response).build();
    }

    private RespondNexusTaskFailedRequest failed(PollNexusTaskQueueResponse task, HandlerError error, boolean modern) {
        RespondNexusTaskFailedRequest.Builder b = RespondNexusTaskFailedRequest.newBuilder().setNamespace(namespace)
                .setIdentity(identity).setTaskToken(task.getTaskToken());
        return FailureMapping.handlerError(error, modern, b).build();
    }

    private static HandlerError error(HandlerException e) {
        return new HandlerError(e, Failure.of(e.getMessage()));
    }

    private static List<Link> links(List<io.temporal.api.nexus.v1.Link> wire) {
        if (wire.isEmpty()) {
            return List.of();
        }
        List<Link> out = new ArrayList<>(wire.size());
        for (io.temporal.api.nexus.v1.Link l : wire) {
            Link link = TemporalLinks.fromWire(l);
            if (link != null) {
                out.add(link);
            }
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
