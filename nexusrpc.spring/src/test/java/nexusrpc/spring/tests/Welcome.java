package nexusrpc.spring.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** A contract whose operation is a Temporal workflow run. */
@Service(name = "welcome")
public interface Welcome {
    @Operation
    String hello(String name);
}
