package nexusrpc.spring.sample;

import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import org.springframework.stereotype.Component;

/** A Spring component like any other: injected, proxied by aspects, and served by Nexus because of @ServiceImpl. */
@Component
@ServiceImpl(Greetings.class)
class GreetingsImpl {
    private final GreetingProperties properties;

    GreetingsImpl(GreetingProperties properties) {
        this.properties = properties;
    }

    @SyncOperation
    public Greetings.Greeting greet(String name) {
        return new Greetings.Greeting(properties.salutation() + ", " + name + "!");
    }
}
