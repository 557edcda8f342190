package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.SerializationException;
import nexusrpc.api.Serializer;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.handler.tests.Payloads.EchoInput;
import nexusrpc.handler.tests.Payloads.EchoOutput;
import nexusrpc.handler.tests.Payloads.Item;
import org.junit.jupiter.api.Test;

/** The default serializer's formats, and replacing it. */
class SerializerTest {
    private final JacksonSerializer json = JacksonSerializer.create();
    private final ServiceDefinition contract = ServiceDefinition.of(MyNexusService.class);

    private Type output(String op) {
        return contract.operation(op).orElseThrow().outputType();
    }

    @Test
    void valuesAreJson() {
        Content c = json.serialize(new EchoOutput("hi"), EchoOutput.class);
        assertEquals(JacksonSerializer.JSON, c.type());
        assertEquals("{\"message\":\"hi\"}", Requests.text(c));
        assertEquals(new EchoOutput("hi"), json.deserialize(c, EchoOutput.class));
    }

    @Test
    void aBoundSerializerConvertsAsTheUnboundOneIncludingItsRefusals() {
        Serializer.Bound echo = json.bind(EchoOutput.class);
        assertEquals(Requests.text(json.serialize(new EchoOutput("hi"), EchoOutput.class)),
                Requests.text(echo.serialize(new EchoOutput("hi"))));
        assertEquals(new EchoOutput("hi"), echo.deserialize(Requests.json("{\"message\":\"hi\"}")));
        // strict like the unbound form: content after the value is refused with the same message
        Content trailing = Requests.json("{\"message\":\"hi\"} {}");
        SerializationException unbound = assertThrows(SerializationException.class,
                () -> json.deserialize(trailing, EchoOutput.class));
        SerializationException bound = assertThrows(SerializationException.class, () -> echo.deserialize(trailing));
        assertEquals(unbound.getMessage(), bound.getMessage());
        assertThrows(IllegalArgumentException.class, () -> echo.serialize("not an EchoOutput"));
        Serializer.Bound list = json.bind(output("list"));
        Object back = list.deserialize(list.serialize(List.of(new Item("a", 1))));
        assertInstanceOf(Item.class, ((List<?>) back).get(0), "elements are Items, not maps");
        byte[] data = {0, (byte) 0xff};
        Serializer.Bound bytes = json.bind(byte[].class);
        assertEquals("application/octet-stream", bytes.serialize(data).type());
        assertSame(data, bytes.deserialize(new Content(Headers.of("type", "application/octet-stream"), data)));
    }

    @Test
    void aSerializerWithoutPerTypeWorkIsBoundByDelegating() {
        List<Type> seen = new ArrayList<>();
        Serializer recording = new Serializer() {
            @Override
            public Content serialize(Object value, Type type) {
                seen.add(type);
                return json.serialize(value, type);
            }

            @Override
            public Object deserialize(Content content, Type type) {
                seen.add(type);
                return json.deserialize(content, type);
            }
        };
        Serializer.Bound bound = recording.bind(EchoOutput.class);
        assertEquals(new EchoOutput("x"), bound.deserialize(bound.serialize(new EchoOutput("x"))));
        assertEquals(List.of(EchoOutput.class, EchoOutput.class), seen);
    }

    @Test
    void genericTypesRoundTripToTheirDeclaredType() {
        List<Item> items = List.of(new Item("a", 1));
        Content c = json.serialize(items, output("list"));
        Object back = json.deserialize(c, output("list"));
        assertEquals(items, back);
        assertInstanceOf(Item.class, ((List<?>) back).get(0), "elements are Items, not maps");
        Type grouped = output("group");
        Object map = json.deserialize(Requests.json("{\"x\":[{\"id\":\"x1\",\"quantity\":2}]}"), grouped);
        assertEquals(Map.of("x", List.of(new Item("x1", 2))), map);
    }

    @Test
    void bytesAreOctetStreamAndUntouched() {
        byte[] data = {0, (byte) 0xff, 42};
        Content c = json.serialize(data, byte[].class);
        assertEquals(JacksonSerializer.OCTET_STREAM, c.type());
        assertSame(data, c.data(), "no copy");
        assertSame(data, json.deserialize(c, byte[].class));
        assertSame(data, json.deserialize(c, Object.class), "an untyped caller gets the bytes");
    }

    @Test
    void nullAndVoidAreEmptyContent() {
        assertSame(Content.empty(), json.serialize(null, EchoOutput.class));
        assertNull(json.deserialize(Content.empty(), EchoOutput.class));
        assertNull(json.deserialize(Requests.json("{\"ignored\":1}"), void.class));
        assertNull(json.deserialize(Requests.json("null"), EchoOutput.class));
        SerializationException e = assertThrows(SerializationException.class,
                () -> json.deserialize(Content.empty(), int.class));
        assertTrue(e.getMessage().contains("content is empty but a int is expected"), e.getMessage());
    }

    @Test
    void aValueOfAnotherTypeThanDeclaredIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> json.serialize(new EchoInput("x"), EchoOutput.class));
        assertEquals("cannot serialize a " + EchoInput.class.getName() + " as the declared "
                + EchoOutput.class.getName(), e.getMessage());
        assertEquals("4", Requests.text(json.serialize(4, int.class)), "a box is fine for its primitive");
        assertEquals("\"s\"", Requests.text(json.serialize("s", Object.class)));
    }

    @Test
    void contentWithoutATypeIsReadAsJson() {
        Content untyped = new Content(null, "{\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new EchoInput("m"), json.deserialize(untyped, EchoInput.class));
    }

    @Test
    void aCustomMapperIsUsed() {
        record Snake(String firstName) {}
        JacksonSerializer snake = JacksonSerializer.create(
                new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        assertEquals("{\"first_name\":\"a\"}", Requests.text(snake.serialize(new Snake("a"), Snake.class)));
    }

    /** A toy serializer: strings as text/plain, to show the engine uses whatever it is given. */
    static final class TextSerializer implements Serializer {
        @Override
        public Content serialize(Object value, Type type) {
            return value == null ? Content.empty()
                    : Content.of("text/plain", ("<" + value + ">").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Object deserialize(Content content, Type type) {
            if (type != String.class) {
                throw new SerializationException("only strings are supported");
            }
            return Requests.text(content).toUpperCase();
        }
    }

    @Test
    void theSerializerIsReplaceable() throws Exception {
        TextSerializer text = new TextSerializer();
        NexusHandler handler = NexusHandler.builder().service(new MyNexusServiceSyncImpl())
                .service(new JobServiceImpl(new Jobs())).serializer(text).build();
        assertSame(text, handler.serializer());
        StartOutcome.Sync out = assertInstanceOf(StartOutcome.Sync.class, handler.start(
                StartRequest.builder("jobs", "plain").input(Content.of("text/plain", "abc".getBytes())).build()));
        assertEquals("text/plain", out.result().type());
        assertEquals("<ABC>", Requests.text(out.result()));

        HandlerError refused = assertInstanceOf(HandlerError.class, handler.start(
                StartRequest.builder("my-service", "paint").input(Content.of("text/plain", new byte[1])).build()));
        assertEquals(HandlerException.ErrorType.BAD_REQUEST, refused.type());
        assertEquals("invalid input for operation \"paint\": only strings are supported", refused.failure().message());

        // the harness's client uses the handler's serializer both ways
        assertEquals("<<X>>", NexusTestHarness.of(handler).client(JobService.class).execute(JobService::plain, "x"));
    }
}
