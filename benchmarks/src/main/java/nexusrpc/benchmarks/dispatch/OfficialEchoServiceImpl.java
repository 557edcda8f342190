package nexusrpc.benchmarks.dispatch;

import io.nexusrpc.handler.OperationHandler;
import io.nexusrpc.handler.OperationImpl;
import io.nexusrpc.handler.ServiceImpl;

/** The echo service implemented the official SDK's way, delegating to the same method as ours. */
@ServiceImpl(service = OfficialEchoService.class)
public final class OfficialEchoServiceImpl {
    private final EchoServiceImpl delegate = new EchoServiceImpl();

    /** Creates the implementation. */
    public OfficialEchoServiceImpl() {}

    /** The sync echo operation. */
    @OperationImpl
    public OperationHandler<Echo, Echo> echo() {
        return OperationHandler.sync((ctx, details, input) -> delegate.echo(input));
    }
}
