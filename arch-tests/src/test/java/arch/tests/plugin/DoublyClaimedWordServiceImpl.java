package arch.tests.plugin;

import arch.tests.kind.EchoTwice;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/** {@link WordService} with one method carrying the annotations of two kinds: registration must reject it. */
@ServiceImpl(WordService.class)
public final class DoublyClaimedWordServiceImpl extends WordOperations {
    /** Claimed by the plugged kind and by the sync kind. */
    @EchoTwice
    @SyncOperation
    public String twice(String word) {
        return word;
    }
}
