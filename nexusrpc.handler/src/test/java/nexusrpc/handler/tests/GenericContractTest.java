package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.handler.tests.Payloads.Item;
import org.junit.jupiter.api.Test;

/** A contract that binds a generic base interface works end to end: registration, JSON types, typed client. */
class GenericContractTest {
    /** A reusable generic contract shape. */
    public interface Store<T, K> {
        @Operation
        T get(K id);

        @Operation
        List<T> all();

        @Operation
        void put(T value);
    }

    @Service(name = "items")
    public interface ItemStore extends Store<Item, String> {}

    @ServiceImpl(ItemStore.class)
    public static final class ItemStoreImpl {
        private final Map<String, Item> items = new ConcurrentHashMap<>();

        @SyncOperation
        public Item get(String id) {
            return items.get(id);
        }

        @SyncOperation
        public List<Item> all() {
            return List.copyOf(new java.util.TreeMap<>(items).values());
        }

        @SyncOperation
        public void put(Item value) {
            items.put(value.id(), value);
        }
    }

    @Test
    void inheritedOperationsUseTheBoundTypes() throws Exception {
        ServiceClient<ItemStore> client = NexusTestHarness.of(new ItemStoreImpl()).client(ItemStore.class);
        client.execute(ItemStore::put, new Item("b", 2));
        client.execute(ItemStore::put, new Item("a", 1));
        assertEquals(new Item("a", 1), client.execute(ItemStore::get, "a"));
        List<Item> all = client.execute(ItemStore::all);
        assertEquals(List.of(new Item("a", 1), new Item("b", 2)), all);
        assertInstanceOf(Item.class, all.get(0), "deserialized to Item through the resolved List<Item>");
    }
}
