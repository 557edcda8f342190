package arch.tests.plugin;

import java.util.Locale;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;

/**
 * The two {@link WordService} operations served by the engine's built-in kinds; each implementation adds its
 * own {@code twice}, the operation of the plugged kind.
 */
public abstract class WordOperations {
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
