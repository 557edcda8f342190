package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import nexusrpc.api.SerializationException;
import nexusrpc.handler.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JSON that does not parse is reported in our words, with where and what: never Jackson's own message, which names
 * its features and character codes ("StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION", "(code 120)").
 */
class JsonSyntaxMessagesTest {
    private static final Pattern JACKSON_WORDING = Pattern.compile("StreamReadFeature|Source:|\\(code |REDACTED"
            + "|JsonToken|Unexpected|Unrecognized|expecting");

    // strict about text after the value, as a caller that wants one value configures it
    private final JacksonSerializer json =
            JacksonSerializer.create(new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"name\": \"Ada\"`  | malformed JSON (line 1, column 15): the JSON ends too early (an object, array or string is not closed)",
        "`{name: \"Ada\"}`     | malformed JSON (line 1, column 2): unexpected character 'n' where a field name should start: field names are strings in double quotes",
        "`{\"a\": 1 \"b\": 2}` | malformed JSON (line 1, column 9): unexpected character '\"': a comma or a closing bracket is missing",
        "`[1, ]`              | malformed JSON (line 1, column 5): unexpected character ']' where a value should start",
        "`{\"name\": Ada}`     | malformed JSON (line 1, column 10): unknown word \"Ada\": text values need double quotes, and the only words JSON knows are true, false and null",
        "`{\"a\": 1} {\"b\": 2}` | malformed JSON (line 1, column 10): there is more after the JSON value; send one value",
    })
    void malformedJsonIsDescribedWithLineColumnAndWhatIsWrong(String input, String expected) {
        SerializationException e = assertThrows(SerializationException.class,
                () -> json.deserialize(Requests.json(input), JsonNode.class));

        assertEquals(expected, e.getMessage());
        assertFalse(JACKSON_WORDING.matcher(e.getMessage()).find(), e.getMessage());
    }
}
