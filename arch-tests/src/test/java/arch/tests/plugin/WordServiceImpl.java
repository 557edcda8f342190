package arch.tests.plugin;

import arch.tests.kind.EchoTwice;
import java.util.Locale;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;

/** Implements {@link WordService} with one operation of each kind. */
@ServiceImpl(WordService.class)
public final class WordServiceImpl {
    /** The plugged kind answers this method's result twice. */
    @EchoTwice
    public String twice(String word) {
        return word.trim();
    }

    /** The sync shorthand. */
    @SyncOperation
    public String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }

    /** The manual style. */
    @OperationImpl
    public OperationHandler<String, String> reverse() {
        return (ctx, options, word) -> StartResult.sync(new StringBuilder(word).reverse().toString());
    }
}
