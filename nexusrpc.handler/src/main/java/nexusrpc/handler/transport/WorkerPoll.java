package nexusrpc.handler.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * One poll of a worker for tasks, as a {@link TransportObserver} sees it.
 *
 * @param transport the transport's name, e.g. {@code temporal}
 * @param name what the worker serves, e.g. its task queue
 * @param latency how long the poll took
 * @param gotTask whether it brought a task (a long poll can end empty)
 * @param error why it failed, or {@code null}
 */
public record WorkerPoll(String transport, String name, Duration latency, boolean gotTask, Throwable error) {
    /** Checks the names and latency. */
    public WorkerPoll {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latency, "latency");
    }
}
