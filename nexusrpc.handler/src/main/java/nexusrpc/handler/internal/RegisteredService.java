package nexusrpc.handler.internal;

import java.util.Map;
import nexusrpc.api.ServiceDefinition;

/**
 * One registered service: its contract, implementation and operations by Nexus name (immutable).
 *
 * @param definition the contract
 * @param implementation the implementation instance
 * @param operations the operations by Nexus name
 */
public record RegisteredService(
        ServiceDefinition definition, Object implementation, Map<String, RegisteredOperation> operations) {}
