package jlink.demo.services;

import java.time.Clock;
import jlink.demo.contract.Greeting;
import jlink.demo.contract.GreetingService;
import jlink.demo.contract.HelloInput;
import jlink.demo.contract.WelcomeInput;
import nexusrpc.api.HandlerException;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/** The greeting service: {@code hello} in the sync shorthand, {@code welcome} fully manual. */
@ServiceImpl(GreetingService.class)
public final class GreetingServiceImpl {
    private final Clock clock;

    /** A service on the system clock. */
    public GreetingServiceImpl() {
        this(Clock.systemUTC());
    }

    /** A service on the given clock (tests). */
    public GreetingServiceImpl(Clock clock) {
        this.clock = clock;
    }

    /** Greets at once. */
    @SyncOperation
    public Greeting hello(HelloInput input) {
        return new Greeting("Hello, " + requireName(input == null ? null : input.name()) + "!");
    }

    /** The manual handler of {@code welcome}, built once at registration. */
    @OperationImpl
    public OperationHandler<WelcomeInput, Greeting> welcome() {
        return new WelcomeOperation(clock);
    }

    /** The trimmed name, or {@code BAD_REQUEST} saying what to send. */
    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw HandlerException.badRequest("\"name\" is missing or blank: send {\"name\": \"Ada\"}");
        }
        return name.strip();
    }
}
