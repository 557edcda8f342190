package nexusrpc.handler.tests;

import java.util.List;
import java.util.Map;
import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.handler.tests.Payloads.EchoInput;
import nexusrpc.handler.tests.Payloads.EchoOutput;
import nexusrpc.handler.tests.Payloads.HelloInput;
import nexusrpc.handler.tests.Payloads.HelloOutput;
import nexusrpc.handler.tests.Payloads.Item;
import nexusrpc.handler.tests.Payloads.Paint;
import nexusrpc.handler.tests.Payloads.Positive;

/** The contract most handler tests serve: the shapes of the API sketch plus a few edge types. */
@Service(name = "my-service")
public interface MyNexusService {
    /** Echoes the message. */
    @Operation
    EchoOutput echo(EchoInput input);

    /** Greets; its Nexus name is not a Java identifier. */
    @Operation(name = "my-invalid-java-identifier")
    HelloOutput hello(HelloInput input);

    /** No input, generic output. */
    @Operation
    List<Item> list();

    /** No output. */
    @Operation
    void fire(EchoInput input);

    /** Neither input nor output. */
    @Operation
    void reset();

    /** Raw bytes both ways. */
    @Operation
    byte[] bytes(byte[] input);

    /** Primitive input and output. */
    @Operation
    int square(int x);

    /** Nested generic input and output. */
    @Operation
    Map<String, List<Item>> group(List<Item> items);

    /** An input that validates itself. */
    @Operation
    int positive(Positive p);

    /** An enum inside the input. */
    @Operation
    String paint(Paint p);
}
