package nexusrpc.opentelemetry.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The contract the telemetry tests call. */
@Service(name = "Traced")
public interface TracedService {
    /** Answers its input; some inputs make it fail (see {@link TracedServiceImpl}). */
    @Operation
    String echo(String input);

    /** Asynchronous: finished by the test through the start's completion callback. */
    @Operation
    String job(String input);
}
