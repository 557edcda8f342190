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
import java.util.Optional;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.Link;
import nexusrpc.api.SerializationException;
import nexusrpc.api.handler.Cancellation;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusDurations;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.ObservedCall;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportPeer;
import temporal.nexus.TemporalNexusWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one polled Nexus task into a call of the dispatcher and its outcome into the respond request to send.
 * Stateless apart from configuration; one instance serves all of a worker's threads.
 */
public final class TaskProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TaskProcessor.class);
    private static final String REQUEST_TIMEOUT = "request-timeout";
    private static final String OPERATION_TIMEOUT = "operation-timeout";
    private static final Response CANCEL_ACCEPTED = Response.newBuilder()
            .setCancelOperation(CancelOperationResponse.getDefaultInstance()).build();

    private final NexusEndpoint endpoint;
    private final WorkflowClient client;
    private final String namespace;
    private final String taskQueue;
    private final String identity;
    private final Map<Class<?>, Object> tokenExtensions;
    /** What Temporal tells about every task of this worker; made once, so a task without an endpoint costs nothing. */
    private final TransportPeer peer;

    /** Creates a processor serving {@code endpoint} for the given namespace and task queue. */
    public TaskProcessor(NexusEndpoint endpoint, WorkflowClient client, String namespace, String taskQueue,
            String identity) {
        this.endpoint = endpoint;
        this.client = client;
        this.namespace = namespace;
        this.taskQueue = taskQueue;
        this.identity = identity;
        this.tokenExtensions = Map.of(WorkflowClient.class, client);
        this.peer = new TransportPeer(Optional.empty(), List.of(),
                Map.of(TemporalNexusWorker.PEER_NAMESPACE, namespace, TemporalNexusWorker.PEER_TASK_QUEUE, taskQueue));
    }

    /** The peer of one task: the worker's namespace and task queue, and the endpoint the caller addressed. */
    private TransportPeer peer(Request request) {
        String endpoint = request.getEndpoint();
        if (endpoint.isEmpty()) {
            return peer;
        }
        return new TransportPeer(Optional.empty(), List.of(), Map.of(TemporalNexusWorker.PEER_NAMESPACE, namespace,
                TemporalNexusWorker.PEER_TASK_QUEUE, taskQueue, TemporalNexusWorker.PEER_ENDPOINT, endpoint));
    }

    /** A task as a {@code TransportObserver} sees it: its verb, names and request id. */
    public static ObservedCall observed(String transport, Request request) {
        switch (request.getVariantCase()) {
            case START_OPERATION:
                StartOperationRequest s = request.getStartOperation();
                return new ObservedCall(transport, ObservedCall.Kind.START, s.getService(), s.getOperation(),
                        emptyToNull(s.getRequestId()), null);
            case CANCEL_OPERATION:
                CancelOperationRequest c = request.getCancelOperation();
                return new ObservedCall(transport, ObservedCall.Kind.CANCEL, c.getService(), c.getOperation(), null,
                        null);
            default:
                return new ObservedCall(transport, ObservedCall.Kind.START, null, null, null, null);
        }
    }

    /**
     * When the caller stops waiting for this task: receipt time plus its {@code request-timeout}, or null when the
     * header is absent or unreadable (an unreadable one is refused by {@link #process}).
     */
    public static Instant deadline(Request request, Instant receivedAt) {
        try {
            Duration timeout = NexusDurations.parseHeader(REQUEST_TIMEOUT, requestTimeout(request));
            return timeout == null ? null : receivedAt.plus(timeout);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
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
     * Serves the task. The engine arms {@code deadline} (the one deadline mechanism): if it passes before the
     * handler answers, the call's {@code cancellation} is cancelled and the outcome is {@link DeadlineExceeded},
     * for which nothing is sent: the server has stopped waiting for this attempt and retries it.
     *
     * @return the {@link RespondNexusTaskCompletedRequest} or {@link RespondNexusTaskFailedRequest} to send, or
     *     nothing when the deadline passed first
     */
    public Optional<Message> process(PollNexusTaskQueueResponse task, Instant deadline, Cancellation cancellation) {
        Request request = task.getRequest();
        boolean modern = request.getCapabilities().getTemporalFailureResponses();
        try {
            // one grammar and one message for both transports; a deadline must not be silently dropped, nor an
            // operation timeout (as Temporal's own handler and the HTTP transport refuse them)
            Duration operationTimeout;
            try {
                NexusDurations.parseHeader(REQUEST_TIMEOUT, requestTimeout(request));
                operationTimeout = NexusDurations.parseHeader(OPERATION_TIMEOUT,
                        Headers.of(request.getHeaderMap()).get(OPERATION_TIMEOUT));
            } catch (IllegalArgumentException e) {
                return Optional.of(failed(task, HandlerError.of(HandlerException.badRequest(e.getMessage())),
                        modern));
            }
            switch (request.getVariantCase()) {
                case START_OPERATION:
                    return start(task, request, deadline, cancellation, operationTimeout, modern);
                case CANCEL_OPERATION:
                    return cancel(task, request, deadline, cancellation, modern);
                default:
                    return Optional.of(failed(task, HandlerError.of(HandlerException.notImplemented("this worker"
                            + " does not serve Nexus requests of kind " + request.getVariantCase())), modern));
            }
        } catch (Throwable e) {
            // the engine answers every throwable of user code, so this is a conversion bug or a broken serializer;
            // whatever it is (an Error included), the caller gets an answer and the worker thread goes on
            LOG.warn("Nexus task on task queue {} failed unexpectedly; the caller gets INTERNAL", taskQueue, e);
            return Optional.of(failed(task, HandlerError.of(HandlerException.internal(
                    "internal error in the Temporal Nexus worker (details are in the handler's log)", null)), modern));
        }
    }

    private Optional<Message> start(PollNexusTaskQueueResponse task, Request request, Instant deadline,
            Cancellation cancellation, Duration operationTimeout, boolean modern) {
        StartOperationRequest s = request.getStartOperation();
        Headers headers = Headers.of(request.getHeaderMap());
        Map<String, String> callbackHeaders = s.getCallbackHeaderMap();
        Map<Class<?>, Object> extensions = Map.of(WorkflowClient.class, client,
                TaskExtras.class, new TaskExtras(namespace, taskQueue, callbackHeaders));
        StartRequest start = StartRequest.builder(s.getService(), s.getOperation())
                .headers(headers)
                .requestId(emptyToNull(s.getRequestId()))
                .callbackUrl(emptyToNull(s.getCallback()))
                .callbackHeaders(Headers.of(callbackHeaders))
                .links(links(s.getLinksList()))
                .deadline(deadline)
                .operationTimeout(operationTimeout)
                .input(s.hasPayload() ? PayloadContent.toContent(s.getPayload()) : Content.empty())
                .cancellation(cancellation)
                .extensions(extensions)
                .peer(peer(request))
                .build();
        return endpoint.start(start).accept(new Replies(task, modern));
    }

    @SuppressWarnings("deprecation") // operation_id: older servers send the token only under this name
    private Optional<Message> cancel(PollNexusTaskQueueResponse task, Request request, Instant deadline,
            Cancellation cancellation, boolean modern) {
        CancelOperationRequest c = request.getCancelOperation();
        String token = c.getOperationToken().isEmpty() ? c.getOperationId() : c.getOperationToken();
        if (token.isEmpty()) {
            return Optional.of(failed(task, HandlerError.of(HandlerException.badRequest(
                    "the cancel request carries no operation token")), modern));
        }
        TokenRequest tr = TokenRequest.builder(c.getService(), c.getOperation(), token)
                .headers(Headers.of(request.getHeaderMap()))
                .deadline(deadline)
                .cancellation(cancellation)
                .extensions(tokenExtensions)
                .peer(peer(request))
                .build();
        return endpoint.cancel(tr).accept(new Replies(task, modern));
    }

    /**
     * The respond request for each outcome of one task, of either verb this transport serves (the variants both
     * have are answered alike); {@link Optional#empty()} when nothing is to be sent.
     */
    private final class Replies implements StartOutcome.Visitor<Optional<Message>>,
            CancelOutcome.Visitor<Optional<Message>> {
        private final PollNexusTaskQueueResponse task;
        private final boolean modern;

        Replies(PollNexusTaskQueueResponse task, boolean modern) {
            this.task = task;
            this.modern = modern;
        }

        @Override
        public Optional<Message> sync(StartOutcome.Sync sync) {
            io.temporal.api.common.v1.Payload payload;
            try {
                payload = PayloadContent.toPayload(sync.result());
            } catch (SerializationException e) {
                StartOperationRequest s = task.getRequest().getStartOperation();
                LOG.warn("the result of {}/{} cannot be sent to Temporal: {}", s.getService(), s.getOperation(),
                        e.getMessage());
                return handlerError(HandlerError.of(HandlerException.internal("the operation's result cannot be"
                        + " converted to a Temporal payload: " + e.getMessage(), null)));
            }
            StartOperationResponse.Sync.Builder b = StartOperationResponse.Sync.newBuilder().setPayload(payload);
            for (Link l : sync.links()) {
                b.addLinks(TemporalLinks.toWire(l));
            }
            return started(StartOperationResponse.newBuilder().setSyncSuccess(b).build());
        }

        @Override
        @SuppressWarnings("deprecation") // operation_id: the legacy name of the token, still read by older servers
        public Optional<Message> async(StartOutcome.Async async) {
            StartOperationResponse.Async.Builder b = StartOperationResponse.Async.newBuilder()
                    .setOperationToken(async.token())
                    .setOperationId(async.token());
            for (Link l : async.links()) {
                b.addLinks(TemporalLinks.toWire(l));
            }
            return started(StartOperationResponse.newBuilder().setAsyncSuccess(b).build());
        }

        @Override
        public Optional<Message> operationFailure(OperationFailure failure) {
            return started(FailureMapping.operationFailure(failure, modern));
        }

        @Override
        public Optional<Message> accepted(CancelOutcome.Accepted accepted) {
            return Optional.of(completed(task, CANCEL_ACCEPTED));
        }

        @Override
        public Optional<Message> handlerError(HandlerError error) {
            return Optional.of(failed(task, error, modern));
        }

        /** The server has stopped waiting for this attempt (and retries it): a reply would be dropped. */
        @Override
        public Optional<Message> deadlineExceeded(DeadlineExceeded deadline) {
            return Optional.empty();
        }

        private Optional<Message> started(StartOperationResponse response) {
            return Optional.of(completed(task, Response.newBuilder().setStartOperation(response).build()));
        }
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
