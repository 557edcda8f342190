package nexusrpc.spring.sample;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The contract, shared with callers. */
@Service(name = "greetings")
public interface Greetings {
    record Greeting(String text) {}

    @Operation
    Greeting greet(String name);
}
