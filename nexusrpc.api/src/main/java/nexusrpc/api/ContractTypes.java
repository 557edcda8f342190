package nexusrpc.api;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves the type variables a contract binds through its super-interfaces (e.g. {@code interface Items extends
 * Crud<Item>}), so an inherited {@code T get()} is read as {@code Item get()}. Used once, when a contract is
 * parsed.
 */
final class ContractTypes {
    private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

    private ContractTypes(Class<?> contract) {
        collect(contract);
    }

    /** The bindings made by {@code contract}'s super-interfaces, transitively. */
    static ContractTypes of(Class<?> contract) {
        return new ContractTypes(contract);
    }

    private void collect(Class<?> type) {
        for (Type sup : type.getGenericInterfaces()) {
            if (sup instanceof ParameterizedType) {
                ParameterizedType p = (ParameterizedType) sup;
                Class<?> raw = (Class<?>) p.getRawType();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                Type[] args = p.getActualTypeArguments();
                for (int i = 0; i < vars.length; i++) {
                    bindings.putIfAbsent(vars[i], resolve(args[i]));
                }
                collect(raw);
            } else if (sup instanceof Class<?>) {
                collect((Class<?>) sup);
            }
        }
    }

    /** {@code type} with every bound type variable replaced by its binding; unbound variables stay. */
    Type resolve(Type type) {
        if (type instanceof TypeVariable<?>) {
            Type bound = bindings.get(type);
            return bound == null ? type : bound;
        }
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            Type[] args = p.getActualTypeArguments();
            Type[] resolved = new Type[args.length];
            boolean changed = false;
            for (int i = 0; i < args.length; i++) {
                resolved[i] = resolve(args[i]);
                changed |= resolved[i] != args[i];
            }
            return changed ? new Parameterized(p.getOwnerType(), p.getRawType(), resolved) : type;
        }
        if (type instanceof GenericArrayType) {
            Type component = ((GenericArrayType) type).getGenericComponentType();
            Type resolved = resolve(component);
            if (resolved == component) {
                return type;
            }
            return resolved instanceof Class<?>
                    ? java.lang.reflect.Array.newInstance((Class<?>) resolved, 0).getClass()
                    : new GenericArray(resolved);
        }
        return type;
    }

    /** The first type variable anywhere in {@code type}, or {@code null} if it is fully concrete. */
    static TypeVariable<?> firstVariable(Type type) {
        if (type instanceof TypeVariable<?>) {
            return (TypeVariable<?>) type;
        }
        if (type instanceof ParameterizedType) {
            for (Type a : ((ParameterizedType) type).getActualTypeArguments()) {
                TypeVariable<?> v = firstVariable(a);
                if (v != null) {
                    return v;
                }
            }
        } else if (type instanceof GenericArrayType) {
            return firstVariable(((GenericArrayType) type).getGenericComponentType());
        } else if (type instanceof WildcardType) {
            WildcardType w = (WildcardType) type;
            for (Type[] bounds : new Type[][] {w.getUpperBounds(), w.getLowerBounds()}) {
                for (Type b : bounds) {
                    TypeVariable<?> v = firstVariable(b);
                    if (v != null) {
                        return v;
                    }
                }
            }
        }
        return null;
    }

    /** A parameterized type built by resolution; equal to the JDK's own for the same parts. */
    private static final class Parameterized implements ParameterizedType {
        private final Type owner;
        private final Type raw;
        private final Type[] args;

        Parameterized(Type owner, Type raw, Type[] args) {
            this.owner = owner;
            this.raw = raw;
            this.args = args;
        }

        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ParameterizedType)) {
                return false;
            }
            ParameterizedType that = (ParameterizedType) o;
            return Objects.equals(owner, that.getOwnerType())
                    && Objects.equals(raw, that.getRawType())
                    && Arrays.equals(args, that.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            // the JDK's formula, so resolved and reflected types mix in hash maps (e.g. serializer caches)
            return Arrays.hashCode(args) ^ Objects.hashCode(owner) ^ Objects.hashCode(raw);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(raw.getTypeName()).append('<');
            for (int i = 0; i < args.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(args[i].getTypeName());
            }
            return sb.append('>').toString();
        }
    }

    /** A generic array type built by resolution. */
    private static final class GenericArray implements GenericArrayType {
        private final Type component;

        GenericArray(Type component) {
            this.component = component;
        }

        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GenericArrayType
                    && component.equals(((GenericArrayType) o).getGenericComponentType());
        }

        @Override
        public int hashCode() {
            return component.hashCode();
        }

        @Override
        public String toString() {
            return component.getTypeName() + "[]";
        }
    }
}
