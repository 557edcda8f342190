package reliability.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The soak's contract: one synchronous operation and two asynchronous ones on the demo's job kind. */
@Service(name = "soak")
public interface Soak {
    /** Answers at once. */
    @Operation
    String echo(String input);

    /** A job that finishes at once: its completion goes to the caller's callback. */
    @Operation
    String quick(String input);

    /** A job that runs until it is canceled: its cancellation goes to the caller's callback. */
    @Operation
    String hold(String input);
}
