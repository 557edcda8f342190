package nexusrpc.handler.internal;

import java.util.List;
import nexusrpc.api.ServiceDefinition;
import nexusrpc.spi.ContractReader;

/**
 * Contract definitions read once per interface (callers create clients often; parsing is reflective), with the
 * contract readers found by ServiceLoader.
 */
public final class ContractCache {
    private static final ClassValue<ServiceDefinition> CACHE = new ClassValue<>() {
        @Override
        protected ServiceDefinition computeValue(Class<?> type) {
            return Registrar.readContract(type, Readers.ALL);
        }
    };

    private ContractCache() {}

    /** The definition of a contract interface. */
    public static ServiceDefinition definition(Class<?> contract) {
        return CACHE.get(contract);
    }

    /** Loaded on first use, the same way the handler builder finds them. */
    private static final class Readers {
        static final List<ContractReader> ALL = PluginLoader.contractReaders();
    }
}
