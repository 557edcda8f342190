package nexusrpc.benchmarks.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.nexusrpc.Serializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Jackson serializer for the official SDK, as efficient as ours: readers and writers made once per type and
 * cached, bodies read from and written to byte arrays. The official SDK ships no JSON serializer, so a fair
 * comparison needs one that does not handicap it.
 */
public final class OfficialJacksonSerializer implements Serializer {
    private final ObjectMapper mapper;
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    /** A serializer over the given mapper. */
    public OfficialJacksonSerializer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Content serialize(Object value) {
        byte[] data;
        if (value == null) {
            data = new byte[0];
        } else {
            try {
                data = writers.computeIfAbsent(value.getClass(), mapper::writerFor).writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialize the value as JSON", e);
            }
        }
        return Content.newBuilder().setData(data).putHeader("type", "application/json").build();
    }

    @Override
    public Object deserialize(Content content, Type type) {
        if (content.getData().length == 0) {
            return null;
        }
        try {
            return readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)))
                    .readValue(content.getData());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON content", e);
        }
    }
}
