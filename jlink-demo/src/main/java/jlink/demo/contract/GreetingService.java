package jlink.demo.contract;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The greeting service: a synchronous greeting and a welcome that may be scheduled for later. */
@Service(name = "greeting")
public interface GreetingService {
    /** Greets {@code name} at once; a blank or missing name is a {@code BAD_REQUEST}. */
    @Operation
    Greeting hello(HelloInput input);

    /** Welcomes {@code name}, at once or (with a delay) asynchronously. */
    @Operation
    Greeting welcome(WelcomeInput input);
}
