package arch.tests.plugin;

import arch.tests.kind.EchoTwice;
import java.util.Locale;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;

/** {@link WordService} with an {@code @EchoTwice} method of the wrong shape: registration must reject it. */
@ServiceImpl(WordService.class)
public final class MisfitWordServiceImpl {
    /** Two parameters: not a shape the kind accepts. */
    @EchoTwice
    public String twice(String word, String separator) {
        return word + separator + word;
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
