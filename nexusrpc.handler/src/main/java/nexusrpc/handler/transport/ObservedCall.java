package nexusrpc.handler.transport;

import java.util.Objects;

/**
 * A request a transport sends or receives, as a {@link TransportObserver} sees it.
 *
 * @param transport the transport's name: {@code http}, {@code temporal}, {@code memory} (a {@code NexusClient}
 *     over a local handler), {@code client} (a {@code NexusClient} over another endpoint, whose transport reports
 *     the attempts itself)
 * @param kind what the request is
 * @param service the Nexus service name, or {@code null} when unknown (a completion)
 * @param operation the Nexus operation name, or {@code null} when unknown (a completion)
 * @param requestId a start's request id, or {@code null}
 * @param target where it goes or came from (a URL), or {@code null}
 */
public record ObservedCall(String transport, Kind kind, String service, String operation, String requestId,
        String target) {
    /** Checks the transport and kind. */
    public ObservedCall {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(kind, "kind");
    }

    /** What a request is: one of the four verbs, or the delivery of a completion. */
    public enum Kind {
        /** Starts an operation. */
        START("start"),
        /** Fetches an operation's info. */
        FETCH_INFO("fetchInfo"),
        /** Fetches (or long-polls) an operation's result. */
        FETCH_RESULT("fetchResult"),
        /** Requests cancellation. */
        CANCEL("cancel"),
        /** Delivers an asynchronous operation's completion to its caller's callback URL. */
        COMPLETION("completion");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name used in logs and telemetry: {@code start}, {@code fetchInfo}... */
        public String label() {
            return label;
        }
    }
}
