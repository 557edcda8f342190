package jlink.demo.services;

import nexusrpc.handler.NexusHandler;

/** The demo's handler: every demo service, with the operation kinds found on the module path. */
public final class DemoServices {
    private DemoServices() {}

    /** Builds the handler serving {@code greeting} and {@code jobs}. */
    public static NexusHandler handler() {
        return NexusHandler.builder()
                .service(new GreetingServiceImpl())
                .service(new JobsServiceImpl())
                .build();
    }
}
