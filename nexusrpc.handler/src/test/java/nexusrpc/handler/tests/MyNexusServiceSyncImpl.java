package nexusrpc.handler.tests;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.tests.Payloads.EchoInput;
import nexusrpc.handler.tests.Payloads.EchoOutput;
import nexusrpc.handler.tests.Payloads.HelloInput;
import nexusrpc.handler.tests.Payloads.HelloOutput;
import nexusrpc.handler.tests.Payloads.Item;
import nexusrpc.handler.tests.Payloads.Paint;
import nexusrpc.handler.tests.Payloads.Positive;

/** {@link MyNexusService} in the shorthand style, every method shape the sync kind accepts. */
@ServiceImpl(MyNexusService.class)
public final class MyNexusServiceSyncImpl {
    /** What {@code fire} received. */
    public final List<String> fired = new CopyOnWriteArrayList<>();

    /** With the context. */
    @SyncOperation
    public EchoOutput echo(OperationContext ctx, EchoInput input) {
        String suffix = ctx.headers().get("x-suffix");
        return new EchoOutput(input.message() + (suffix == null ? "" : suffix));
    }

    /** Without the context. */
    @SyncOperation
    public HelloOutput hello(HelloInput input) {
        return new HelloOutput(("hello " + input.name() + " ").repeat(input.times()).trim());
    }

    /** No input at all. */
    @SyncOperation
    public List<Item> list() {
        return List.of(new Item("a", 1), new Item("b", 2));
    }

    /** No output. */
    @SyncOperation
    public void fire(OperationContext ctx, EchoInput input) {
        fired.add(ctx.operation() + ":" + input.message());
    }

    /** Neither input nor output. */
    @SyncOperation
    public void reset() {
        fired.add("reset");
    }

    /** Bytes reversed. */
    @SyncOperation
    public byte[] bytes(byte[] input) {
        byte[] out = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            out[i] = input[input.length - 1 - i];
        }
        return out;
    }

    /** Primitives. */
    @SyncOperation
    public int square(int x) {
        return x * x;
    }

    /** Groups items by id initial. */
    @SyncOperation
    public Map<String, List<Item>> group(List<Item> items) {
        return items.stream().collect(Collectors.groupingBy(i -> i.id().substring(0, 1)));
    }

    /** Unwraps the value. */
    @SyncOperation
    public int positive(Positive p) {
        return p.value();
    }

    /** Names the colour. */
    @SyncOperation
    public String paint(Paint p) {
        return p.colour().name().toLowerCase();
    }
}
