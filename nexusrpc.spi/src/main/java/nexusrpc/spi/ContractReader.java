package nexusrpc.spi;

import java.util.Optional;
import nexusrpc.api.ServiceDefinition;

/**
 * Reads service contracts written with annotations other than {@code nexusrpc.api.Service} (e.g. the official
 * {@code io.nexusrpc} ones). Found with {@link java.util.ServiceLoader}; the engine asks every reader, then
 * falls back to {@link ServiceDefinition#of(Class)}.
 */
public interface ContractReader {
    /**
     * Reads the contract if this reader recognizes it.
     *
     * @return the definition, or empty if the interface is not in this reader's format
     * @throws nexusrpc.api.InvalidContractException if it is in this reader's format but invalid
     */
    Optional<ServiceDefinition> read(Class<?> contract);
}
