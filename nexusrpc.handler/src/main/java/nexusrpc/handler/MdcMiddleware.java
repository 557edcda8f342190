package nexusrpc.handler;

import nexusrpc.api.Headers;
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
import org.slf4j.MDC;

/**
 * Puts the call into the SLF4J MDC while a verb runs, so every line the handler logs says which call it belongs to:
 * {@value #SERVICE}, {@value #OPERATION}, {@value #VERB} ({@code start}, {@code fetchInfo}, {@code fetchResult},
 * {@code cancel}), {@value #REQUEST_ID} (a start's request id), {@value #CALLER} (the authenticated caller's
 * name) and {@value #TRACE_ID} (from a W3C {@code traceparent} request header, the same key the OpenTelemetry Java agent uses). No OpenTelemetry is needed.
 *
 * <pre>{@code
 * NexusHandler.builder().middleware(MdcMiddleware.create()).service(impl).build();
 * // logback: %X{nexus.service}/%X{nexus.operation} %X{nexus.verb} %X{trace_id}
 * }</pre>
 *
 * <p>The keys are set on the thread that runs the handler, whatever the transport, and restored when the verb
 * returns or throws: to the values an enclosing call had (a handler that calls another operation in memory), or
 * removed. A call the engine answered at its deadline while the handler still runs keeps its keys until the
 * handler returns, on the handler's own thread; the engine's deadline thread never sees them. Add it first (the
 * outermost) so that other middleware logs with the keys too.
 */
public final class MdcMiddleware implements Middleware {
    /** The MDC key of the Nexus service name. */
    public static final String SERVICE = "nexus.service";
    /** The MDC key of the Nexus operation name. */
    public static final String OPERATION = "nexus.operation";
    /** The MDC key of the verb: {@code start}, {@code fetchInfo}, {@code fetchResult} or {@code cancel}. */
    public static final String VERB = "nexus.verb";
    /** The MDC key of a start's request id (absent for the other verbs and for starts without one). */
    public static final String REQUEST_ID = "nexus.request_id";
    /**
     * The MDC key of the authenticated caller's principal name (absent for anonymous callers and when no
     * authentication is configured). Never a credential: headers are not put into the MDC.
     */
    public static final String CALLER = "nexus.caller";
    /** The MDC key of the trace id of the caller's {@code traceparent} header, when it sent a valid one. */
    public static final String TRACE_ID = "trace_id";

    private static final MdcMiddleware INSTANCE = new MdcMiddleware();

    private MdcMiddleware() {}

    /** The middleware (stateless: one instance serves every handler). */
    public static MdcMiddleware create() {
        return INSTANCE;
    }

    @Override
    public OperationHandler<Object, Object> wrap(
            ServiceDefinition service, OperationDefinition<?, ?> operation, OperationHandler<Object, Object> next) {
        return new ForwardingOperationHandler<>(next) {
            @Override
            public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                    throws OperationException {
                Keys keys = Keys.put(ctx, "start", options.requestId());
                try {
                    return super.start(ctx, options, input);
                } finally {
                    keys.restore();
                }
            }

            @Override
            public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token)
                    throws OperationException {
                Keys keys = Keys.put(ctx, "fetchInfo", null);
                try {
                    return super.fetchInfo(ctx, options, token);
                } finally {
                    keys.restore();
                }
            }

            @Override
            public Object fetchResult(OperationContext ctx, FetchResultOptions options, String token)
                    throws OperationException {
                Keys keys = Keys.put(ctx, "fetchResult", null);
                try {
                    return super.fetchResult(ctx, options, token);
                } finally {
                    keys.restore();
                }
            }

            @Override
            public void cancel(OperationContext ctx, CancelOptions options, String token) {
                Keys keys = Keys.put(ctx, "cancel", null);
                try {
                    super.cancel(ctx, options, token);
                } finally {
                    keys.restore();
                }
            }
        };
    }

    /**
     * The trace id of a W3C {@code traceparent} value ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex
     * flags>}), or {@code null} when the value is absent or not one (an all-zero id is invalid).
     */
    static String traceId(String traceparent) {
        if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-'
                || traceparent.startsWith("ff")) {
            return null;
        }
        boolean zero = true;
        for (int i = 3; i < 35; i++) {
            char c = traceparent.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
            zero &= c == '0';
        }
        return zero ? null : traceparent.substring(3, 35);
    }

    /** The MDC values a call replaced, put back when it ends. */
    private static final class Keys {
        private static final String[] NAMES = {SERVICE, OPERATION, VERB, REQUEST_ID, TRACE_ID, CALLER};
        private final String[] previous = new String[NAMES.length];

        static Keys put(OperationContext ctx, String verb, String requestId) {
            Headers headers = ctx.headers();
            String[] values = {ctx.service(), ctx.operation(), verb, requestId,
                    traceId(headers == null ? null : headers.get("traceparent")),
                    ctx.caller().map(c -> c.name()).orElse(null)};
            Keys keys = new Keys();
            for (int i = 0; i < NAMES.length; i++) {
                keys.previous[i] = MDC.get(NAMES[i]);
                set(NAMES[i], values[i]);
            }
            return keys;
        }

        void restore() {
            for (int i = 0; i < NAMES.length; i++) {
                set(NAMES[i], previous[i]);
            }
        }

        private static void set(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
