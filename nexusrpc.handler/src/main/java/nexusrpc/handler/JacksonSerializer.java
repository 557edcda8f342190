package nexusrpc.handler;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nexusrpc.api.Content;
import nexusrpc.api.Headers;
import nexusrpc.api.SerializationException;
import nexusrpc.api.Serializer;

/**
 * The default {@link Serializer}: JSON through Jackson ({@code application/json}), raw bytes for {@code byte[]}
 * ({@code application/octet-stream}), and empty content for {@code null}.
 *
 * <p>Readers and writers are created once per type and cached; bodies are read from and written to byte arrays
 * without intermediate copies. Error messages name the JSON location and field, never Java classes, so they can
 * be sent to callers. Unknown JSON properties are ignored (forward compatibility). A type Jackson cannot bind at
 * all is the server's mistake: it fails with {@link IllegalStateException}, not {@link SerializationException},
 * so the dispatcher logs it and answers {@code INTERNAL} rather than blaming the caller. Thread-safe.
 *
 * <p>On the module path Jackson needs reflective access to your payload types: {@code opens your.pkg to
 * com.fasterxml.jackson.databind;} in your {@code module-info.java}.
 */
public final class JacksonSerializer implements Serializer {
    /** The media type of JSON content. */
    public static final String JSON = "application/json";
    /** The media type of raw bytes. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Headers JSON_HEADERS = Headers.ofLowerCased(Map.of("type", JSON));
    private static final Headers BYTES_HEADERS = Headers.ofLowerCased(Map.of("type", OCTET_STREAM));

    private final ObjectMapper mapper;
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Type, ObjectWriter> writers = new ConcurrentHashMap<>();

    private JacksonSerializer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A strict serializer with a default mapper: a body is one JSON value and nothing after it, and a scalar is
     * read only into a parameter of its own kind (no {@code 5} or {@code true} into a String, no {@code "5"} into a
     * number, no {@code 1.5} into an int). Unknown properties are ignored and absent primitive fields get their
     * default value, so payload types can gain fields without breaking older peers (as Temporal's converter does).
     * Peer input that breaks these rules is a {@link SerializationException} (answered BAD_REQUEST).
     */
    public static JacksonSerializer create() {
        JsonMapper mapper = JsonMapper.builder()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return new JacksonSerializer(mapper);
    }

    /**
     * A lenient serializer, for peers that cannot be fixed: like {@link #create()}, but content after the JSON value
     * is ignored and scalars are coerced as Jackson does by default ({@code 5} and {@code true} into a String,
     * {@code "5"} into a number, {@code 1.5} truncated into an int).
     */
    public static JacksonSerializer createLenient() {
        return new JacksonSerializer(new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));
    }

    /** A serializer over your own mapper (modules, naming strategies...); do not reconfigure it afterwards. */
    public static JacksonSerializer create(ObjectMapper mapper) {
        return new JacksonSerializer(Objects.requireNonNull(mapper, "mapper"));
    }

    @Override
    public Content serialize(Object value, Type type) {
        return serialize(value, type, null);
    }

    /** Serializes with {@code writer}, the writer of {@code type} (or {@code null}: resolved as needed). */
    private Content serialize(Object value, Type type, ObjectWriter writer) {
        if (value == null) {
            return Content.empty();
        }
        if (value instanceof byte[]) {
            return new Content(BYTES_HEADERS, (byte[]) value);
        }
        if (type instanceof Class<?> && !((Class<?>) type).isPrimitive() && !((Class<?>) type).isInstance(value)) {
            // a programming error (a handler returning, or a caller sending, the wrong type): not the peer's fault
            throw new IllegalArgumentException("cannot serialize a " + value.getClass().getName() + " as the declared "
                    + type.getTypeName());
        }
        try {
            ObjectWriter w = writer != null ? writer : writer(type == null ? value.getClass() : type);
            return new Content(JSON_HEADERS, w.writeValueAsBytes(value));
        } catch (InvalidDefinitionException e) {
            throw cannotBind(type == null ? value.getClass() : type, e);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot serialize the value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Resolves the type's reader and writer once, so that converting a value looks up nothing (an operation's
     * types are bound at registration).
     */
    @Override
    public Bound bind(Type type) {
        Objects.requireNonNull(type, "type");
        ObjectReader reader = reader(type);
        ObjectWriter writer = writer(type);
        return new Bound() {
            @Override
            public Content serialize(Object value) {
                return JacksonSerializer.this.serialize(value, type, writer);
            }

            @Override
            public Object deserialize(Content content) {
                return JacksonSerializer.this.deserialize(content, type, reader);
            }
        };
    }

    @Override
    public Object deserialize(Content content, Type type) {
        return deserialize(content, type, null);
    }

    /** Deserializes with {@code reader}, the reader of {@code type} (or {@code null}: resolved as needed). */
    private Object deserialize(Content content, Type type, ObjectReader reader) {
        if (type == byte[].class) {
            return content.data();
        }
        if (type == void.class || type == Void.class) {
            return null;
        }
        if (content.isEmpty()) {
            if (type instanceof Class<?> && ((Class<?>) type).isPrimitive()) {
                throw new SerializationException("the content is empty but a " + type.getTypeName() + " is expected");
            }
            return null;
        }
        String mediaType = content.type();
        if (type == Object.class && mediaType != null && isOctetStream(mediaType)) {
            return content.data(); // an untyped caller receiving raw bytes
        }
        if (mediaType != null && !isJson(mediaType)) {
            throw new SerializationException("content of type \"" + mediaType + "\" cannot be read: send "
                    + JSON + " (or declare the input as byte[] to receive raw bytes)");
        }
        Object value;
        try {
            value = (reader != null ? reader : reader(type)).readValue(content.data());
        } catch (InvalidDefinitionException e) {
            throw cannotBind(type, e);
        } catch (JacksonException e) {
            throw new SerializationException(describe(e), e);
        } catch (IOException e) {
            throw new SerializationException("cannot read the JSON content", e);
        }
        if (value == null && type instanceof Class<?> && ((Class<?>) type).isPrimitive()) {
            throw new SerializationException("the JSON content is null but a " + type.getTypeName()
                    + " is expected");
        }
        return value;
    }

    /**
     * The type itself cannot be bound (abstract, no creator, package not open to Jackson): the server's mistake,
     * not the caller's, so not a {@link SerializationException} (which the dispatcher answers with BAD_REQUEST)
     * but an unexpected failure the dispatcher logs and answers with INTERNAL.
     */
    private static IllegalStateException cannotBind(Type type, InvalidDefinitionException e) {
        String pkg = type instanceof Class<?> ? ((Class<?>) type).getPackageName() : "<the payload package>";
        return new IllegalStateException("Jackson cannot bind " + type.getTypeName() + ": " + e.getOriginalMessage()
                + ". Payload types need a public constructor or creator Jackson can use, and on the module path"
                + " \"opens " + pkg + " to com.fasterxml.jackson.databind;\"", e);
    }

    private static boolean isOctetStream(String mediaType) {
        return mediaType.toLowerCase(Locale.ROOT).startsWith(OCTET_STREAM);
    }

    private static boolean isJson(String mediaType) {
        if (mediaType.equals(JSON)) {
            // nearly every request says exactly this: skip lower-casing and parsing it
            return true;
        }
        String t = mediaType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String base = (semi < 0 ? t : t.substring(0, semi)).trim();
        return base.equals(JSON) || base.endsWith("+json");
    }

    /** A message that says where the JSON is wrong, without Java class names. */
    private static String describe(JacksonException e) {
        String where = "";
        if (e instanceof JsonMappingException) {
            String path = path((JsonMappingException) e);
            if (!path.isEmpty()) {
                where = " at " + path;
            }
        }
        JsonLocation loc = e.getLocation();
        String position = loc == null || loc.getLineNr() < 0
                ? ""
                : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown JSON property \"" + ((UnrecognizedPropertyException) e).getPropertyName() + "\"" + position;
        }
        if (e instanceof InvalidFormatException && ((InvalidFormatException) e).getTargetType() != null
                && ((InvalidFormatException) e).getTargetType().isEnum()) {
            return "invalid value" + where + ": expected one of "
                    + Arrays.toString(((InvalidFormatException) e).getTargetType().getEnumConstants()) + position;
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException) {
            // the payload type's own validation (e.g. a record's compact constructor) speaks to the caller
            return "invalid value" + where + ": " + e.getCause().getMessage() + position;
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return "malformed JSON" + position + ": there is more after the JSON value; send one value";
        }
        if (e instanceof MismatchedInputException) {
            MismatchedInputException mi = (MismatchedInputException) e;
            String expected = mi.getTargetType() == null ? "another JSON type" : jsonKind(mi.getTargetType());
            return "wrong JSON type" + where + ": expected " + expected + position;
        }
        if (e instanceof JsonMappingException) {
            return "invalid JSON value" + where + position;
        }
        String problem = syntaxProblem(e);
        return "malformed JSON" + position + (problem.isEmpty() ? "" : ": " + problem);
    }

    /**
     * What is wrong with JSON that does not parse, in our words: Jackson's own messages name its features and Java
     * types ("StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION", "code 120"), which mean nothing to a caller. Empty when
     * the problem is none of those recognized here (the position is still given).
     */
    static String syntaxProblem(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            return "the JSON ends too early (an object, array or string is not closed)";
        }
        Matcher character = UNEXPECTED_CHARACTER.matcher(m);
        if (character.find()) {
            String c = "unexpected character '" + character.group(1) + "'";
            if (m.contains("double-quote to start field name")) {
                return c + " where a field name should start: field names are strings in double quotes";
            }
            if (m.contains("comma to separate")) {
                return c + ": a comma or a closing bracket is missing";
            }
            if (m.contains("expected a valid value") || m.contains("expected a value")) {
                return c + " where a value should start";
            }
            return c;
        }
        Matcher token = UNRECOGNIZED_TOKEN.matcher(m);
        if (token.find()) {
            return "unknown word \"" + token.group(1) + "\": text values need double quotes, and the only words JSON"
                    + " knows are true, false and null";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character (such as a line break) inside a string: escape it (\\n, \\t, ...)";
        }
        if (m.startsWith("Invalid UTF-8")) {
            return "the content is not valid UTF-8";
        }
        if (m.startsWith("Invalid numeric value") || m.contains("Leading zeroes not allowed")) {
            return "an invalid number";
        }
        return "";
    }

    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile("^Unexpected character \\('(.{1,2})' \\(code");
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("^Unrecognized token '([^']{0,40})");

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "" : "\"" + sb + "\"";
    }

    private static String jsonKind(Class<?> t) {
        if (t == String.class || t == char.class || t == Character.class || t.isEnum()) {
            return "a string";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "a boolean";
        }
        if (t.isPrimitive() || Number.class.isAssignableFrom(t)) {
            return "a number";
        }
        if (t.isArray() || Iterable.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }

    private ObjectReader reader(Type type) {
        ObjectReader r = readers.get(type);
        if (r == null) {
            JavaType jt = mapper.getTypeFactory().constructType(type);
            // absent primitive fields default to zero, but a whole input of primitive type must be sent
            r = readers.computeIfAbsent(type, t -> t instanceof Class<?> && ((Class<?>) t).isPrimitive()
                    ? mapper.readerFor(jt).with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    : mapper.readerFor(jt));
        }
        return r;
    }

    private ObjectWriter writer(Type type) {
        ObjectWriter w = writers.get(type);
        if (w == null) {
            JavaType jt = mapper.getTypeFactory().constructType(type);
            w = writers.computeIfAbsent(type, t -> mapper.writerFor(jt));
        }
        return w;
    }
}
