package temporal.nexus.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;
import java.util.Optional;
import nexusrpc.api.Failure;

/**
 * A Temporal {@code Failure} carried inside a Nexus failure, the way Temporal's own SDKs and server do it: the
 * Nexus failure keeps the message and stack trace, its metadata {@code type} is {@value #TYPE}, and its details are
 * the Temporal failure in protobuf JSON without message and stack trace. Whoever knows the convention (Temporal's
 * server, SDKs, and {@link FailureMapping}) gets the Temporal failure back whole: failure info (ApplicationFailure
 * type, details, non-retryable flag), cause chain; anyone else still reads message and metadata.
 */
public final class TemporalFailures {
    /** The metadata {@code type} marking a Nexus failure whose details are a Temporal failure. */
    public static final String TYPE = io.temporal.api.failure.v1.Failure.getDescriptor().getFullName();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final int MAX_DEPTH = 32;

    private TemporalFailures() {}

    /** {@code f} as a Nexus failure value (for an {@code OperationException}'s cause, e.g.). */
    public static Failure toNexus(io.temporal.api.failure.v1.Failure f) {
        return new Failure(f.getMessage(), emptyToNull(f.getStackTrace()), Map.of("type", TYPE), details(f), null);
    }

    /** {@code f} as a wire Nexus failure (the legacy failure form). */
    public static io.temporal.api.nexus.v1.Failure toWire(io.temporal.api.failure.v1.Failure f) {
        io.temporal.api.nexus.v1.Failure.Builder b = io.temporal.api.nexus.v1.Failure.newBuilder()
                .setMessage(f.getMessage()).putMetadata("type", TYPE)
                .setDetails(ByteString.copyFromUtf8(details(f)));
        if (!f.getStackTrace().isEmpty()) {
            b.setStackTrace(f.getStackTrace());
        }
        return b.build();
    }

    /**
     * The Temporal failure a Nexus failure carries, with the Nexus failure's message and stack trace restored;
     * empty when it carries none (other metadata, or details that do not parse).
     */
    public static Optional<io.temporal.api.failure.v1.Failure> fromNexus(Failure f) {
        if (!TYPE.equals(f.metadata().get("type")) || f.detailsJson() == null) {
            return Optional.empty();
        }
        io.temporal.api.failure.v1.Failure.Builder b = io.temporal.api.failure.v1.Failure.newBuilder();
        try {
            PARSER.merge(f.detailsJson(), b);
        } catch (InvalidProtocolBufferException | RuntimeException unreadable) {
            return Optional.empty();
        }
        b.setMessage(f.message());
        b.setStackTrace(f.stackTrace() == null ? "" : f.stackTrace());
        return Optional.of(b.build());
    }

    /**
     * {@code f} without stack traces, at any depth: a failure read from Temporal (a workflow's, an update's) carries
     * the stack of the code that threw it, which a handler does not hand to its callers unless configured to.
     */
    public static io.temporal.api.failure.v1.Failure withoutStackTraces(io.temporal.api.failure.v1.Failure f) {
        return strip(f, 0);
    }

    private static io.temporal.api.failure.v1.Failure strip(io.temporal.api.failure.v1.Failure f, int depth) {
        io.temporal.api.failure.v1.Failure.Builder b = f.toBuilder().clearStackTrace();
        if (f.hasCause()) {
            if (depth < MAX_DEPTH) {
                b.setCause(strip(f.getCause(), depth + 1));
            } else {
                b.clearCause();
            }
        }
        return b.build();
    }

    private static String details(io.temporal.api.failure.v1.Failure f) {
        try {
            return PRINTER.print(f.toBuilder().clearMessage().clearStackTrace().build());
        } catch (InvalidProtocolBufferException e) {
            // only for Any fields with unknown types, which failures do not use
            throw new IllegalStateException("a Temporal failure cannot be written as JSON", e);
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
