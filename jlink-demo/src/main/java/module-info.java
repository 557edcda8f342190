/**
 * The Nexus demo application: demo services in every handler style, a custom operation kind of its own
 * ({@code @BackgroundJob}) and the {@code nexus-demo} command line (serve, call, tour). Linked into a runtime
 * image with jlink.
 */
module jlink.demo {
    requires nexusrpc.handler;
    requires com.fasterxml.jackson.databind;
    // the tour receives completion callbacks on a JDK HttpServer
    requires jdk.httpserver;
    requires org.slf4j;

    // the contracts are the demo's public API; Jackson binds their payload records
    exports jlink.demo.contract;
    opens jlink.demo.contract to com.fasterxml.jackson.databind;
    // the engine resolves the implementation methods with method handles, and the Temporal mode (on the class
    // path of the image, so in the unnamed module) builds the same handler with DemoServices
    exports jlink.demo.services;
    // the kind's annotation and job types, for service code in other modules
    exports jlink.demo.jobs;

    // the third-party kind: the engine finds it with ServiceLoader, no SDK module names it
    provides nexusrpc.spi.OperationKind with jlink.demo.jobs.BackgroundJobKind;
}
