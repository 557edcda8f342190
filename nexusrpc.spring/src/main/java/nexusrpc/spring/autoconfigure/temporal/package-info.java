/**
 * The Temporal auto-configuration: the only code of this module that reads the Temporal SDK (to hand the
 * application's {@code WorkflowClient} bean to {@code temporal.nexus}). Not exported; opened to Spring's core,
 * beans and context modules, which instantiate it.
 */
package nexusrpc.spring.autoconfigure.temporal;
