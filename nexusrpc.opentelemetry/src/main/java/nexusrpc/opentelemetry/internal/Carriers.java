package nexusrpc.opentelemetry.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.function.BiConsumer;
import nexusrpc.api.Headers;

/** How propagators read our request headers and write through a transport's header sink. */
final class Carriers {
    /** Reads {@link Headers} (case-insensitive, so {@code traceparent} matches {@code Traceparent}). */
    static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** Writes through the sink a transport handed for one attempt. */
    static final TextMapSetter<BiConsumer<String, String>> SINK = (sink, key, value) -> {
        if (sink != null) {
            sink.accept(key, value);
        }
    };

    private Carriers() {}
}
