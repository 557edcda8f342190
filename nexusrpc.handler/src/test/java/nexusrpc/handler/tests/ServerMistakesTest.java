package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.tests.closed.Sealed;
import org.junit.jupiter.api.Test;

/** A payload type the server cannot bind is the server's mistake: INTERNAL and a log that says what to fix. */
class ServerMistakesTest {
    /** An input type Jackson cannot construct. */
    public interface Shape {
        /** Its area. */
        double area();
    }

    @Service
    public interface Geometry {
        @Operation
        double area(Shape shape);

        @Operation
        String open(Sealed sealed);

        @Operation
        Sealed close(String secret);
    }

    @ServiceImpl(Geometry.class)
    public static final class GeometryImpl {
        @SyncOperation
        public double area(Shape shape) {
            return shape.area();
        }

        @SyncOperation
        public String open(Sealed sealed) {
            return sealed.secret();
        }

        @SyncOperation
        public Sealed close(String secret) {
            return new Sealed(secret);
        }
    }

    private final NexusHandler handler = NexusHandler.builder().service(new GeometryImpl()).build();

    private String internal(String operation, String json) {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            HandlerError e = assertInstanceOf(HandlerError.class,
                    handler.start(Requests.start("Geometry", operation, json)));
            assertEquals(ErrorType.INTERNAL, e.type(), "not BAD_REQUEST: the caller sent valid JSON");
            assertEquals("internal error in start (details are in the handler's log)", e.failure().message());
        } finally {
            System.setErr(original);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAbstractInputTypeIsAnInternalError() {
        String log = internal("area", "{\"radius\":1}");
        assertTrue(log.contains("Jackson cannot bind " + Shape.class.getName()), log);
    }

    @Test
    void aPackageNotOpenToJacksonIsAnInternalErrorThatSaysWhatToOpen() {
        String in = internal("open", "{\"secret\":\"s\"}");
        assertTrue(in.contains("opens nexusrpc.handler.tests.closed to com.fasterxml.jackson.databind;"), in);
        String out = internal("close", "\"s\"");
        assertTrue(out.contains("opens nexusrpc.handler.tests.closed to com.fasterxml.jackson.databind;"), out);
    }
}
