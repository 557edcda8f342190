package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nexusrpc.api.SerializationException;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.tests.Payloads.EchoInput;
import nexusrpc.handler.tests.Payloads.Item;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Peer input is read strictly by default (issue: trailing content was ignored and scalars were coerced into
 * Strings and numbers); the lenient serializer keeps the old reading for peers that cannot be fixed.
 */
class StrictJsonTest {
    private final JacksonSerializer strict = JacksonSerializer.create();
    private final JacksonSerializer lenient = JacksonSerializer.createLenient();

    @ParameterizedTest
    @ValueSource(strings = {"{\"message\":\"x\"} garbage", "{\"message\":\"x\"}{\"message\":\"y\"}",
            "{\"message\":\"x\"} 1", "{\"message\":\"x\"}]"})
    void contentAfterTheValueIsRefused(String body) {
        SerializationException e = assertThrows(SerializationException.class,
                () -> strict.deserialize(Requests.json(body), EchoInput.class));
        assertTrue(e.getMessage().contains("JSON"), e.getMessage());
        assertEquals(new EchoInput("x"), lenient.deserialize(Requests.json(body), EchoInput.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"message\":5}", "{\"message\":true}", "{\"message\":1.5}"})
    void scalarsAreNotCoercedIntoStrings(String body) {
        SerializationException e = assertThrows(SerializationException.class,
                () -> strict.deserialize(Requests.json(body), EchoInput.class));
        assertTrue(e.getMessage().contains("message"), e.getMessage());
        lenient.deserialize(Requests.json(body), EchoInput.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"a\",\"quantity\":\"5\"}", "{\"id\":\"a\",\"quantity\":1.5}",
            "{\"id\":\"a\",\"quantity\":true}"})
    void numbersAreReadOnlyFromNumbers(String body) {
        assertThrows(SerializationException.class, () -> strict.deserialize(Requests.json(body), Item.class));
    }

    @Test
    void wellFormedInputIsReadAsBefore() {
        assertEquals(new EchoInput("x"), strict.deserialize(Requests.json(" {\"message\":\"x\"} \n"), EchoInput.class));
        assertEquals(new Item("a", 5), strict.deserialize(Requests.json("{\"id\":\"a\",\"quantity\":5,\"new\":1}"),
                Item.class));
        assertEquals("text", strict.deserialize(Requests.json("\"text\""), String.class));
        assertEquals(7L, strict.deserialize(Requests.json("7"), Long.class));
    }
}
