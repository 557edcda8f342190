package arch.tests.plugin;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** A contract whose implementation uses all three kinds: two built into the engine, one from arch.tests. */
@Service(name = "words")
public interface WordService {
    /** Served by the plugged {@code @EchoTwice} kind. */
    @Operation
    String twice(String word);

    /** Served by the built-in {@code @SyncOperation} kind. */
    @Operation
    String upper(String word);

    /** Served by the built-in {@code @OperationImpl} kind. */
    @Operation
    String reverse(String word);
}
