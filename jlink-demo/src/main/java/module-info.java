/**
 * The Nexus demo application: demo services in every handler style, among them one on a third-party operation
 * kind ({@code @BackgroundJob}, from the module {@code jlink.demo.jobs}), and the {@code nexus-demo} command line
 * (serve, call, tour). Linked into a runtime image with jlink.
 */
module jlink.demo {
    // the HTTP server, client and completion receiver of serve, call and tour; transitive because through it
    // comes the engine, and DemoServices.handler() returns a NexusHandler
    requires transitive nexusrpc.http;
    // the @BackgroundJob annotation and job types the jobs service is written with (the kind in that module is
    // found by the engine with ServiceLoader); transitive: the exported JobsServiceImpl returns Job
    requires transitive jlink.demo.jobs;
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

    // serve --trace: the OpenTelemetry provider is on the class path (lib/trace), found through META-INF/services
    uses jlink.demo.services.DemoTracing;
}
