package nexusrpc.spring.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** A contract served by a bean that an aspect proxies. */
@Service(name = "greeter")
public interface Greeter {
    @Operation
    String greet(String name);

    /** Waits until the test lets it finish: a call in flight while the context closes. */
    @Operation
    String slow(String input);
}
