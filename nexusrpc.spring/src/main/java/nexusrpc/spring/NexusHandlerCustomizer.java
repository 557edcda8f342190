package nexusrpc.spring;

import nexusrpc.handler.NexusHandler;

/**
 * Adjusts the {@link NexusHandler} the auto-configuration builds, after the {@code @ServiceImpl} beans, the
 * {@code Middleware} beans, the {@code Serializer} bean and the {@code nexus.handler.*} properties were applied:
 * e.g. to add an operation kind explicitly. Customizer beans run in their {@code @Order}.
 */
@FunctionalInterface
public interface NexusHandlerCustomizer {
    /** Changes the builder; the auto-configuration builds it afterwards. */
    void customize(NexusHandler.Builder builder);
}
