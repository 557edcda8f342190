package jlink.demo.services;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import jlink.demo.contract.Greeting;
import jlink.demo.contract.WelcomeInput;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationInfo;
import nexusrpc.api.OperationState;
import nexusrpc.api.handler.FetchInfoOptions;
import nexusrpc.api.handler.FetchResultOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;

/**
 * {@code greeting/welcome}, written in the fully manual style: the start decides per request whether to answer
 * now (no delay) or asynchronously. The token is stateless: it carries the name and the time the welcome is due,
 * so fetchInfo and fetchResult need no storage and survive a restart. Such a token cannot be canceled, so
 * {@code cancel} keeps its default answer, {@code NOT_IMPLEMENTED}.
 */
final class WelcomeOperation implements OperationHandler<WelcomeInput, Greeting> {
    /** The longest delay accepted: a welcome is not a scheduler. */
    static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final String TOKEN_PREFIX = "welcome:";

    private final Clock clock;

    WelcomeOperation(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StartResult<Greeting> start(OperationContext ctx, StartOptions options, WelcomeInput input) {
        if (input == null) {
            throw HandlerException.badRequest("the input is missing: send {\"name\": \"Ada\", \"delayMillis\": 0}");
        }
        String name = GreetingServiceImpl.requireName(input.name());
        if (input.delayMillis() < 0 || input.delayMillis() > MAX_DELAY.toMillis()) {
            throw HandlerException.badRequest("\"delayMillis\" is " + input.delayMillis() + ": send 0 to "
                    + MAX_DELAY.toMillis() + " (one hour)");
        }
        if (input.delayMillis() == 0) {
            return StartResult.sync(greet(name));
        }
        Instant due = clock.instant().plusMillis(input.delayMillis());
        return StartResult.async(encode(name, due));
    }

    @Override
    public OperationInfo fetchInfo(OperationContext ctx, FetchInfoOptions options, String token) {
        Scheduled s = decode(token);
        return new OperationInfo(token, clock.instant().isBefore(s.due) ? OperationState.RUNNING : OperationState.SUCCEEDED);
    }

    @Override
    public Greeting fetchResult(OperationContext ctx, FetchResultOptions options, String token) {
        Scheduled s = decode(token);
        Duration left = Duration.between(clock.instant(), s.due);
        if (left.isNegative() || left.isZero()) {
            return greet(s.name);
        }
        if (left.compareTo(options.timeout()) > 0) {
            sleep(options.timeout());
            throw new OperationStillRunningException();
        }
        sleep(left);
        return greet(s.name);
    }

    private static Greeting greet(String name) {
        return new Greeting("Welcome, " + name + "!");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlerException(HandlerException.ErrorType.UNAVAILABLE, "the handler is shutting down");
        }
    }

    private static String encode(String name, Instant due) {
        String plain = due.toEpochMilli() + ":" + name;
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static Scheduled decode(String token) {
        if (token.startsWith(TOKEN_PREFIX)) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())),
                        StandardCharsets.UTF_8);
                int colon = plain.indexOf(':');
                if (colon > 0 && colon < plain.length() - 1) {
                    return new Scheduled(plain.substring(colon + 1),
                            Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the BAD_REQUEST below (NumberFormatException is an IllegalArgumentException)
            }
        }
        throw HandlerException.badRequest("\"" + token + "\" is not a token of greeting/welcome: use the token"
                + " its asynchronous start returned");
    }

    /** What a token says. */
    private record Scheduled(String name, Instant due) {}
}
