package temporal.nexus;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import java.lang.reflect.Type;
import java.util.Objects;
import nexusrpc.api.Content;
import nexusrpc.api.SerializationException;
import nexusrpc.api.Serializer;
import temporal.nexus.internal.JavaTypes;
import temporal.nexus.internal.PayloadContent;

/**
 * A {@link Serializer} backed by a Temporal {@link DataConverter}: inputs and results are converted exactly as
 * the application's Temporal workers and callers convert them (custom payload converters, codecs, encryption).
 *
 * <p>{@link TemporalNexusWorker} serves its handler with one of these, built from the worker's data converter,
 * so a Temporal workflow calling the operation and the handler agree on types. It also reads plain JSON content,
 * so the same serializer can serve HTTP callers. Thread-safe when the data converter is (Temporal's are).
 */
public final class DataConverterSerializer implements Serializer {
    private final DataConverter converter;

    private DataConverterSerializer(DataConverter converter) {
        this.converter = converter;
    }

    /** A serializer over {@code converter}. */
    public static DataConverterSerializer of(DataConverter converter) {
        return new DataConverterSerializer(Objects.requireNonNull(converter, "converter"));
    }

    /** The data converter. */
    public DataConverter dataConverter() {
        return converter;
    }

    @Override
    public Content serialize(Object value, Type type) {
        Payload payload;
        try {
            payload = converter.toPayload(value).orElse(null);
        } catch (DataConverterException e) {
            throw new SerializationException("the data converter cannot serialize the value" + where(e), e);
        }
        return PayloadContent.toContent(payload);
    }

    @Override
    public Object deserialize(Content content, Type type) {
        if (type == void.class || type == Void.class) {
            return null;
        }
        Payload payload = PayloadContent.toPayload(content);
        try {
            return converter.fromPayload(payload, JavaTypes.rawClass(type), type);
        } catch (DataConverterException e) {
            throw new SerializationException("the " + PayloadContent.encoding(payload)
                    + " payload does not fit the declared type" + where(e), e);
        }
    }

    /** The JSON position of a conversion error, if there is one; never Java class names (messages reach callers). */
    private static String where(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                JsonLocation loc = ((JsonProcessingException) t).getLocation();
                if (loc != null && loc.getLineNr() > 0) {
                    return " (JSON line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
                }
            }
        }
        return "";
    }
}
