package nexusrpc.handler.tests;

import java.util.Objects;

/** Payload records shared by the handler tests (Jackson binds them: the package is opened to it in the pom). */
public final class Payloads {
    private Payloads() {}

    /** Input of echo. */
    public record EchoInput(String message) {}

    /** Output of echo. */
    public record EchoOutput(String message) {}

    /** Input of hello. */
    public record HelloInput(String name, int times) {}

    /** Output of hello. */
    public record HelloOutput(String greeting) {}

    /** A listed item. */
    public record Item(String id, int quantity) {}

    /** A record that validates itself. */
    public record Positive(int value) {
        /** Rejects non-positive values. */
        public Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("value must be positive, got " + value);
            }
        }
    }

    /** A colour, to test enum errors. */
    public enum Colour { RED, GREEN }

    /** A paint job. */
    public record Paint(Colour colour) {}

    /** A job request for the manual operations. */
    public record JobRequest(String name, boolean quick) {
        /** Checks the name. */
        public JobRequest {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A job result. */
    public record JobResult(String name, String outcome) {}
}
