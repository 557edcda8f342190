package reliability.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The reliability tests' contract: workflow-backed operations, one per way a workflow can end. */
@Service(name = "scale")
public interface Scale {
    /** A workflow that greets after a few seconds. */
    @Operation
    String hello(String name);

    /** A workflow that runs until it is canceled. */
    @Operation
    String hold(String id);

    /** A workflow that fails with an ApplicationFailure of type {@code InvalidOrder}, details the order id. */
    @Operation
    String fail(String orderId);

    /** A workflow that runs until its one-second execution timeout. */
    @Operation
    String expire(String id);
}
