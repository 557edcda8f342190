package jlink.demo.services;

import java.util.List;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.security.CallerAuthenticator;

/** The demo's handler: every demo service, with the operation kinds found on the module path. */
public final class DemoServices {
    private DemoServices() {}

    /** Builds the handler serving {@code greeting} and {@code jobs}. */
    public static NexusHandler handler() {
        return handler(List.of());
    }

    /** Builds the handler serving {@code greeting} and {@code jobs}, with {@code middleware} (outermost first). */
    public static NexusHandler handler(List<Middleware> middleware) {
        return handler(middleware, null);
    }

    /**
     * Builds the handler serving {@code greeting} and {@code jobs}, with {@code middleware} (outermost first), letting
     * in only callers {@code authenticator} recognises (or everyone, when it is {@code null}).
     */
    public static NexusHandler handler(List<Middleware> middleware, CallerAuthenticator authenticator) {
        NexusHandler.Builder b = NexusHandler.builder();
        middleware.forEach(b::middleware);
        if (authenticator != null) {
            b.authenticator(authenticator);
        }
        return b.service(new GreetingServiceImpl())
                .service(new JobsServiceImpl())
                .build();
    }
}
