package arch.tests.plugin;

import arch.tests.kind.EchoTwice;
import nexusrpc.api.handler.ServiceImpl;

/** {@link WordService} with an {@code @EchoTwice} method of the wrong shape: registration must reject it. */
@ServiceImpl(WordService.class)
public final class MisfitWordServiceImpl extends WordOperations {
    /** Two parameters: not a shape the kind accepts. */
    @EchoTwice
    public String twice(String word, String separator) {
        return word + separator + word;
    }
}
