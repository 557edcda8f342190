package nexusrpc.benchmarks.dispatch;

import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/** Our implementation; its method is also what the limit variant calls directly. */
@ServiceImpl(EchoService.class)
public final class EchoServiceImpl {
    /** Creates the implementation. */
    public EchoServiceImpl() {}

    /** Echoes the message in a new value, as a real handler would build its output. */
    @SyncOperation
    public Echo echo(Echo input) {
        return new Echo(input.message());
    }
}
