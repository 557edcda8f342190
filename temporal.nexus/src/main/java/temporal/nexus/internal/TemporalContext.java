package temporal.nexus.internal;

import io.grpc.Context;
import io.temporal.api.common.v1.Callback;
import io.temporal.client.OnConflictOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nexusrpc.api.HandlerException;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.StartOptions;

/**
 * What Temporal-backed kinds take from a request: the client, and the options that tie a started workflow to
 * the Nexus operation (request id, completion callback, links, conflict handling).
 */
public final class TemporalContext {
    /** Callback header the server reads to fabricate the "started" event when a completion beats the start reply. */
    private static final String TOKEN_HEADER = "nexus-operation-token";
    /** The same, under its deprecated name, for older servers. */
    private static final String ID_HEADER = "nexus-operation-id";
    private static final OnConflictOptions ATTACH_ALL = OnConflictOptions.newBuilder().setAttachRequestId(true)
            .setAttachCompletionCallbacks(true).setAttachLinks(true).build();

    private TemporalContext() {}

    /**
     * The Temporal client of this request.
     *
     * @throws HandlerException non-retryable {@code INTERNAL} if the transport did not provide one
     */
    public static WorkflowClient client(OperationContext ctx) {
        return ctx.extension(WorkflowClient.class).orElseThrow(() -> new HandlerException(
                HandlerException.ErrorType.INTERNAL, "operation \"" + ctx.operation() + "\" is backed by Temporal but"
                        + " this request carries no WorkflowClient: serve it with TemporalNexusWorker, or add"
                        + " WorkflowClientMiddleware to the handler", null, RetryBehavior.NON_RETRYABLE));
    }

    /** The namespace requests are served in. */
    public static String namespace(WorkflowClient client) {
        return client.getOptions().getNamespace();
    }

    /**
     * The user's options completed for a Nexus operation whose token is {@code token}.
     *
     * @throws HandlerException non-retryable {@code INTERNAL} when the options lack a workflow id, or a task
     *     queue that cannot be defaulted
     */
    public static WorkflowOptions complete(WorkflowOptions user, OperationContext ctx, StartOptions options,
            String token, boolean forceUseExisting, String where) {
        return complete(user, ctx, options, token, forceUseExisting, true, where);
    }

    /**
     * As {@link #complete(WorkflowOptions, OperationContext, StartOptions, String, boolean, String)}; without
     * {@code attachCallback} the caller's completion callback is left off (when something else than the workflow
     * completes the operation, e.g. an update).
     */
    public static WorkflowOptions complete(WorkflowOptions user, OperationContext ctx, StartOptions options,
            String token, boolean forceUseExisting, boolean attachCallback, String where) {
        TaskExtras extras = ctx.extension(TaskExtras.class).orElse(null);
        WorkflowOptions.Builder b = WorkflowOptions.newBuilder(user);
        if (user.getTaskQueue() == null) {
            if (extras == null) {
                throw bug(where + " gives no task queue in its WorkflowOptions and the transport has no default:"
                        + " set one with WorkflowOptions.Builder.setTaskQueue");
            }
            b.setTaskQueue(extras.taskQueue());
        }
        if (options.requestId() != null) {
            b.setRequestId(options.requestId());
        }
        List<io.temporal.api.common.v1.Link> links = TemporalLinks.toTemporal(options.links());
        if (attachCallback && options.callbackUrl() != null) {
            b.setCompletionCallbacks(plus(user.getCompletionCallbacks(), List.of(callback(ctx, options, token, links))));
        }
        if (!links.isEmpty()) {
            b.setLinks(plus(user.getLinks(), links));
        }
        io.temporal.api.enums.v1.WorkflowIdConflictPolicy policy = user.getWorkflowIdConflictPolicy();
        if (forceUseExisting) {
            policy = io.temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING;
            b.setWorkflowIdConflictPolicy(policy);
        }
        if (policy == io.temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
                && user.getOnConflictOptions() == null) {
            b.setOnConflictOptions(ATTACH_ALL);
        }
        return b.build();
    }

    /**
     * The caller's completion callback, to attach to what backs the operation: its URL and headers (verbatim when
     * the transport kept them), plus the operation token for the server, and the caller's links (as Temporal's own
     * handlers attach them).
     *
     * @param links the caller's links in Temporal's form ({@link TemporalLinks#toTemporal})
     */
    public static Callback callback(OperationContext ctx, StartOptions options, String token,
            List<io.temporal.api.common.v1.Link> links) {
        TaskExtras extras = ctx.extension(TaskExtras.class).orElse(null);
        Map<String, String> headers = new HashMap<>(extras != null && extras.callbackHeaders() != null
                ? extras.callbackHeaders() : options.callbackHeaders());
        putUnlessPresent(headers, TOKEN_HEADER, token);
        putUnlessPresent(headers, ID_HEADER, token);
        return Callback.newBuilder()
                .setNexus(Callback.Nexus.newBuilder().setUrl(options.callbackUrl()).putAllHeader(headers))
                .addAllLinks(links).build();
    }

    /** Header names are case-insensitive: a token the caller's headers already carry in any case is kept. */
    private static void putUnlessPresent(Map<String, String> headers, String name, String value) {
        for (String key : headers.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return;
            }
        }
        headers.put(name, value);
    }

    /**
     * Runs Temporal client calls within this request: they are cancelled (retries included) when the request's
     * cancellation fires, at its deadline, instead of going on with nobody waiting for the answer.
     */
    public static <T> T withinRequest(OperationContext ctx, Supplier<T> calls) {
        Context.CancellableContext grpc = Context.current().withCancellation();
        ctx.cancellation().onCancel(() -> grpc.cancel(null));
        Context previous = grpc.attach();
        try {
            return calls.get();
        } finally {
            grpc.detach(previous);
            grpc.cancel(null);
        }
    }

    /** The workflow id of user options, required for an operation token. */
    public static String workflowId(WorkflowOptions user, String where) {
        String id = user.getWorkflowId();
        if (id == null || id.isEmpty()) {
            throw bug(where + " gives no workflow id in its WorkflowOptions: set one (derive it from the input so a"
                    + " retried or repeated request finds the same workflow)");
        }
        return id;
    }

    /** The user's own entries (kept) followed by the ones added for Nexus. */
    private static <T> List<T> plus(List<T> own, List<T> added) {
        if (own == null || own.isEmpty()) {
            return added;
        }
        List<T> all = new java.util.ArrayList<>(own);
        all.addAll(added);
        return all;
    }

    /** A bug of the handler's code: INTERNAL, not retried (a retry would fail the same way). */
    public static HandlerException bug(String message) {
        return new HandlerException(HandlerException.ErrorType.INTERNAL, message, null, RetryBehavior.NON_RETRYABLE);
    }
}
