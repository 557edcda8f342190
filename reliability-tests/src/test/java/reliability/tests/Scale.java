package reliability.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The scale-out test's contract: two workflow-backed operations. */
@Service(name = "scale")
public interface Scale {
    /** A workflow that greets after a few seconds. */
    @Operation
    String hello(String name);

    /** A workflow that runs until it is canceled. */
    @Operation
    String hold(String id);
}
