package arch.tests.plugin;

import arch.tests.kind.EchoTwice;
import java.util.Locale;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;

/** {@link WordService} with one method carrying the annotations of two kinds: registration must reject it. */
@ServiceImpl(WordService.class)
public final class DoublyClaimedWordServiceImpl {
    /** Claimed by the plugged kind and by the sync kind. */
    @EchoTwice
    @SyncOperation
    public String twice(String word) {
        return word;
    }

    /** Fine. */
    @SyncOperation
    public String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }

    /** Fine. */
    @OperationImpl
    public OperationHandler<String, String> reverse() {
        return (ctx, options, word) -> StartResult.sync(word);
    }
}
