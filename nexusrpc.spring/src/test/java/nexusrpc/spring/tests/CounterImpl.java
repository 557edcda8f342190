package nexusrpc.spring.tests;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/** Package-private, as Spring components often are: the engine reaches it through a lookup of its own. */
@ServiceImpl(Counter.class)
class CounterImpl {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @SyncOperation
    public Integer next(String key) {
        return counts.merge(key, 1, Integer::sum);
    }
}
