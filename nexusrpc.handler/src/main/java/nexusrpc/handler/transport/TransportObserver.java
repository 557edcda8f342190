package nexusrpc.handler.transport;

import java.util.function.BiConsumer;
import nexusrpc.api.Headers;

/**
 * What a transport tells about its own work, for tracing, metrics and context propagation: each attempt of a
 * request it sends (whose headers the observer may add to, e.g. W3C trace context), each request it receives that
 * the engine does not dispatch (a completion callback), the answers a server gives, a worker's polls, slots and
 * dropped replies. Calls that reach the engine are observed by {@code nexusrpc.handler.Middleware} instead: the
 * two together cover a call from the caller's attempt to the handler and back.
 *
 * <p>Transports accept one on their builders ({@code observer(...)}) and default to {@link #NONE}; {@code
 * nexusrpc.opentelemetry} implements it, so that no transport depends on a telemetry library. Every method has a
 * default that does nothing, so a new event never breaks an implementation. Implementations are thread-safe,
 * return quickly and do not throw.
 */
public interface TransportObserver {
    /** Observes nothing. */
    TransportObserver NONE = new TransportObserver() {};

    /**
     * A request is about to be sent, once or several times (retries): called once per request on the thread that
     * asked for it, before its first attempt, so that an observer can capture that thread's context for attempts
     * made later from other threads.
     *
     * @param call what is sent
     * @return the request's observer: asked for each attempt, told how the request ended; never {@code null}
     */
    default Outgoing outgoing(ObservedCall call) {
        return Outgoing.NONE;
    }

    /**
     * A request the engine does not dispatch (a completion callback) arrived and is about to be handed to
     * application code on this thread, which runs until {@link Incoming#end} is called on the same thread: an
     * observer may make the context it extracts from {@code headers} current for that time.
     *
     * @param call what arrived
     * @param headers the request's headers
     * @return told how it ended, exactly once, on this thread; never {@code null}
     */
    default Incoming incoming(ObservedCall call, Headers headers) {
        return Incoming.NONE;
    }

    /**
     * A server transport answered a request, whoever decided the answer (the handler, the engine at a deadline, or
     * the transport itself: overload, shutdown, a malformed request).
     *
     * @param transport the transport's name, e.g. {@code http}
     * @param status the answer in the transport's terms (the HTTP status code)
     */
    default void answered(String transport, int status) {}

    /** A worker's poll for tasks ended, with a task, empty, or failed. */
    default void polled(WorkerPoll poll) {}

    /**
     * A worker dropped the reply to a task because its deadline had passed: the server stopped waiting for it and
     * will give the task out again.
     *
     * @param call the task whose reply was dropped
     */
    default void lateReplyDropped(ObservedCall call) {}

    /** A worker started: its gauges can be read until {@link #workerStopped} with the same object. */
    default void workerStarted(WorkerGauges gauges) {}

    /** A worker stopped: forget the gauges {@link #workerStarted} gave. */
    default void workerStopped(WorkerGauges gauges) {}

    /** One outgoing request: its attempts, then its end. */
    interface Outgoing {
        /** Observes nothing, adds no header. */
        Outgoing NONE = new Outgoing() {
            @Override
            public Attempt attempt(int number, BiConsumer<String, String> headers) {
                return Attempt.NONE;
            }
        };

        /**
         * An attempt is about to be sent, from any thread.
         *
         * @param number 1 for the first attempt, 2 for the first retry...
         * @param headers adds a header to this attempt's request
         * @return told how the attempt ended, exactly once; never {@code null}
         */
        Attempt attempt(int number, BiConsumer<String, String> headers);

        /**
         * The request ended: its last attempt's result, after which none follows (success, a final failure, or
         * retries given up).
         */
        default void end(CallResult result) {}
    }

    /** One attempt of an outgoing request. */
    @FunctionalInterface
    interface Attempt {
        /** Observes nothing. */
        Attempt NONE = result -> { };

        /**
         * The attempt ended.
         *
         * @param result how; {@link CallResult#retrying()} says whether another attempt follows
         */
        void end(CallResult result);
    }

    /** One incoming request the engine does not dispatch. */
    @FunctionalInterface
    interface Incoming {
        /** Observes nothing. */
        Incoming NONE = result -> { };

        /** The request was answered; called on the thread that received it. */
        void end(CallResult result);
    }

    /** What a worker shows while it runs, read when a metric is collected. */
    interface WorkerGauges {
        /** The transport's name, e.g. {@code temporal}. */
        String transport();

        /** What the worker serves, e.g. its task queue. */
        String name();

        /** Tasks being handled now. */
        int tasksInFlight();

        /** How many tasks it handles at once at most. */
        int slots();
    }
}
