package nexusrpc.handler.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import nexusrpc.spi.ContractReader;
import nexusrpc.spi.OperationKind;

/**
 * Finds plugins with {@link ServiceLoader}: on the module path through {@code provides}, on the class path
 * through {@code META-INF/services}. This module declares the {@code uses}, so the lookups live here.
 */
public final class PluginLoader {
    private PluginLoader() {}

    /** The operation kinds visible to this module, each implementation class once. */
    public static List<OperationKind> kinds() {
        return load(OperationKind.class);
    }

    /** The contract readers visible to this module, each implementation class once. */
    public static List<ContractReader> contractReaders() {
        return load(ContractReader.class);
    }

    private static <T> List<T> load(Class<T> type) {
        List<T> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // the module's own loader first; the context loader too, for plugins in application class loaders
        for (ClassLoader cl : new ClassLoader[] {PluginLoader.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            ServiceLoader<T> loader = cl == null ? ServiceLoader.load(type) : ServiceLoader.load(type, cl);
            try {
                for (T plugin : loader) {
                    if (seen.add(plugin.getClass().getName())) {
                        found.add(plugin);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a " + type.getSimpleName() + " plugin could not be loaded: "
                        + e.getMessage(), e);
            }
        }
        return found;
    }
}
