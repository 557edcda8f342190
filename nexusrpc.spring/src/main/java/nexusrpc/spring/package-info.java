/**
 * Spring Boot support: what an application configures or implements. {@code @ServiceImpl} beans are collected
 * into one {@code NexusHandler} bean, served over HTTP with {@code nexus.http.enabled=true} ({@link
 * nexusrpc.spring.NexusHttpProperties}) and from Temporal workers with {@code nexus.temporal.task-queues} when the
 * application has a {@code WorkflowClient} bean ({@link nexusrpc.spring.NexusTemporalProperties}). The
 * customizers adjust the builders before the auto-configuration builds; beans of type {@code Middleware} and
 * {@code Serializer} are applied to the handler.
 *
 * <p>The auto-configuration classes themselves live in a package that is not exported: replace what they make by
 * declaring a bean of the same type ({@code NexusHandler}, {@code NexusHttpServer}).
 */
package nexusrpc.spring;
