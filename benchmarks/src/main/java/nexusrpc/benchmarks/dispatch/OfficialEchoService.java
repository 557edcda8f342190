package nexusrpc.benchmarks.dispatch;

import io.nexusrpc.Operation;
import io.nexusrpc.Service;

/** The same contract written with the official SDK's annotations. */
@Service(name = EchoService.NAME)
public interface OfficialEchoService {
    /** Returns the message it was given. */
    @Operation(name = EchoService.OPERATION)
    Echo echo(Echo input);
}
