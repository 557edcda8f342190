package arch.tests.plugin;

import arch.tests.kind.EchoTwice;
import nexusrpc.api.handler.ServiceImpl;

/** Implements {@link WordService} with one operation of each kind. */
@ServiceImpl(WordService.class)
public final class WordServiceImpl extends WordOperations {
    /** The plugged kind answers this method's result twice. */
    @EchoTwice
    public String twice(String word) {
        return word.trim();
    }
}
