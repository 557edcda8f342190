package jlink.demo.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import nexusrpc.api.OperationState;

/**
 * Delivers completions as Nexus HTTP completion callbacks: a POST to the callback URL with the caller's callback
 * headers, {@code Nexus-Operation-State}, {@code Nexus-Operation-Token} and {@code Nexus-Operation-Start-Time},
 * and the result (or the failure as JSON) as body. Retries a few times on network errors and 5xx answers.
 */
final class HttpCompletionDelivery implements CompletionDelivery {
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void deliver(JobCompletion completion) throws IOException, InterruptedException {
        HttpRequest request = request(completion);
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                if (status < 500 || attempt == ATTEMPTS) {
                    throw new IOException("the callback answered HTTP " + status + ": " + abbreviate(response.body()));
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2);
        }
    }

    private static HttpRequest request(JobCompletion c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.callbackUrl())).timeout(Duration.ofSeconds(10));
        for (Map.Entry<String, String> h : c.callbackHeaders().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        b.header("Nexus-Operation-State", c.state().wireName());
        b.header("Nexus-Operation-Token", c.token());
        b.header("Nexus-Operation-Start-Time",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(c.startTime().atOffset(ZoneOffset.UTC)));
        if (c.state() == OperationState.SUCCEEDED) {
            if (c.result().type() != null) {
                b.header("Content-Type", c.result().type());
            }
            return b.POST(HttpRequest.BodyPublishers.ofByteArray(c.result().data())).build();
        }
        ObjectNode failure = JSON.createObjectNode().put("message", c.failure().message());
        failure.putObject("metadata");
        b.header("Content-Type", "application/json");
        return b.POST(HttpRequest.BodyPublishers.ofString(failure.toString())).build();
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
