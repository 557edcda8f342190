package temporal.nexus.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The contract served in the tests (written with this SDK's annotations). */
@Service(name = "greeting")
public interface Greeting {
    /** A record payload, to check that the data converter and the handler agree on JSON. */
    record Person(String name, int age) {}

    /** A record result. */
    record Welcome(String text, int luckyNumber) {}

    @Operation
    String echo(String input);

    @Operation
    Welcome welcome(Person person);

    @Operation(name = "hello-workflow")
    String hello(String name);

    @Operation
    String block(String id);

    @Operation
    String fail(String input);

    @Operation
    String bad(String input);

    @Operation
    String flaky(String input);

    @Operation
    String dedupe(String input);

    @Operation
    String bump(String input);

    @Operation
    String bumpSlowly(String input);

    @Operation
    String bumpOrStart(String input);

    @Operation
    String refuse(String input);

    @Operation
    String enqueue(String item);

    @Operation
    String slow(String input);

    @Operation
    String whoami(String input);

    @Operation
    String pause(String input);

    @Operation
    String gate(String input);

    @Operation
    String leaky(String input);

    @Operation
    String shared(String input);

    @Operation
    String giveUp(String input);

    @Operation
    String overflow(String input);

    @Operation
    String sleepy(String input);

    @Operation
    String deaf(String input);
}
