package nexusrpc.benchmarks.dispatch;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** Our contract of the echo service. */
@Service(name = EchoService.NAME)
public interface EchoService {
    /** The Nexus service name, the same for every variant. */
    String NAME = "echo-service";
    /** The Nexus operation name. */
    String OPERATION = "echo";

    /** Returns the message it was given. */
    @Operation(name = OPERATION)
    Echo echo(Echo input);
}
