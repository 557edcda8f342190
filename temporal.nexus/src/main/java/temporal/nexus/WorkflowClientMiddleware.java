package temporal.nexus;

import io.temporal.client.WorkflowClient;
import java.util.Objects;
import java.util.Optional;
import nexusrpc.api.OperationDefinition;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.ForwardingOperationContext;
import nexusrpc.handler.Middleware;
import temporal.nexus.internal.TaskExtras;

/**
 * Gives Temporal-backed operations a {@link WorkflowClient} when they are served by another transport than
 * {@link TemporalNexusWorker} (e.g. HTTP): the same service implementation then starts, follows and cancels its
 * workflows for HTTP callers too.
 *
 * <pre>{@code
 * NexusHandler handler = NexusHandler.builder()
 *         .service(new MyNexusServiceImpl())
 *         .middleware(WorkflowClientMiddleware.of(workflowClient, "my-task-queue"))
 *         .build();
 * }</pre>
 *
 * <p>What the worker provides wins: under {@link TemporalNexusWorker} this middleware changes nothing.
 */
public final class WorkflowClientMiddleware implements Middleware {
    private final WorkflowClient client;
    private final TaskExtras extras;

    private WorkflowClientMiddleware(WorkflowClient client, String defaultTaskQueue) {
        this.client = client;
        this.extras = new TaskExtras(client.getOptions().getNamespace(), defaultTaskQueue, null);
    }

    /**
     * A middleware providing {@code client}; workflows whose options name no task queue run on {@code
     * defaultTaskQueue}.
     */
    public static WorkflowClientMiddleware of(WorkflowClient client, String defaultTaskQueue) {
        return new WorkflowClientMiddleware(Objects.requireNonNull(client, "client"),
                Objects.requireNonNull(defaultTaskQueue, "defaultTaskQueue"));
    }

    @Override
    public OperationHandler<Object, Object> wrap(ServiceDefinition service, OperationDefinition<?, ?> operation,
            OperationHandler<Object, Object> next) {
        return new OperationHandler<>() {
            @Override
            public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                    throws OperationException {
                return next.start(with(ctx), options, input);
            }

            @Override
            public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token)
                    throws OperationException {
                return next.fetchInfo(with(ctx), options, token);
            }

            @Override
            public Object fetchResult(OperationContext ctx, FetchResultOptions options, String token)
                    throws OperationException {
                return next.fetchResult(with(ctx), options, token);
            }

            @Override
            public void cancel(OperationContext ctx, CancelOptions options, String token) {
                next.cancel(with(ctx), options, token);
            }
        };
    }

    private OperationContext with(OperationContext ctx) {
        return ctx.extension(WorkflowClient.class).isPresent() ? ctx : new WithClient(ctx);
    }

    /**
     * The request's context plus the client and task-queue default. Forwarding everything else through {@link
     * ForwardingOperationContext}, so methods added to the context (serializer, completion callback) are not lost.
     */
    private final class WithClient extends ForwardingOperationContext {
        WithClient(OperationContext delegate) {
            super(delegate);
        }

        @Override
        public <T> Optional<T> extension(Class<T> type) {
            if (type == WorkflowClient.class) {
                return Optional.of(type.cast(client));
            }
            if (type == TaskExtras.class) {
                Optional<T> own = delegate().extension(type);
                return own.isPresent() ? own : Optional.of(type.cast(extras));
            }
            return delegate().extension(type);
        }

        @Override
        public String toString() {
            return delegate().toString();
        }
    }
}
