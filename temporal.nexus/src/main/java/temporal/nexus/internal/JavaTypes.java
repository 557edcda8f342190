package temporal.nexus.internal;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** The class a data converter needs beside a generic type. */
public final class JavaTypes {
    private JavaTypes() {}

    /**
     * The raw class of {@code type}: {@code List} for {@code List<String>}, {@code Void} for {@code void}, {@code
     * Object} for type variables and wildcards.
     */
    public static Class<?> rawClass(Type type) {
        if (type == void.class) {
            return Void.class;
        }
        if (type instanceof Class<?>) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return rawClass(((ParameterizedType) type).getRawType());
        }
        if (type instanceof GenericArrayType) {
            return Array.newInstance(rawClass(((GenericArrayType) type).getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }
}
