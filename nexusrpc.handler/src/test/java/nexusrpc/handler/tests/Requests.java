package nexusrpc.handler.tests;

import java.nio.charset.StandardCharsets;
import nexusrpc.api.Content;
import nexusrpc.handler.transport.StartRequest;

/** Builds hand-made requests, as a transport would decode them. */
final class Requests {
    private Requests() {}

    /** JSON content. */
    static Content json(String json) {
        return Content.of("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A start request with a JSON body. */
    static StartRequest start(String service, String operation, String json) {
        return StartRequest.builder(service, operation).input(json == null ? null : json(json)).build();
    }

    /** Content as text. */
    static String text(Content c) {
        return new String(c.data(), StandardCharsets.UTF_8);
    }
}
