package jlink.demo.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nexusrpc.api.Content;
import nexusrpc.api.Failure;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;
import nexusrpc.api.SerializationException;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.DeadlineExceeded;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.NexusEndpoint;
import nexusrpc.handler.transport.OperationFailure;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;

/**
 * {@code nexus-demo call}: curl for Nexus. Talks to any Nexus HTTP endpoint with raw JSON, prints results on
 * standard output (so they pipe into {@code jq}) and everything else on standard error.
 */
final class CallCommand {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8080/";
    static final String USAGE = String.join("\n",
            "Usage: nexus-demo call <verb> SERVICE OPERATION ... [--endpoint URL]",
            "  call start  SERVICE OPERATION [INPUT|-] [--wait D] [--request-id ID] [--callback URL]",
            "                                          [--callback-header K=V]... [--header K=V]... [--timeout D]",
            "  call info   SERVICE OPERATION TOKEN",
            "  call result SERVICE OPERATION TOKEN [--wait D]",
            "  call cancel SERVICE OPERATION TOKEN",
            "INPUT is JSON text, \"-\" reads it from standard input, none sends no input.",
            "start prints the result of a synchronous operation, or the token of an asynchronous one (with",
            "--wait D it follows the operation for up to D and prints its result). D is like 500ms, 10s, 2m.",
            "--endpoint defaults to $NEXUS_ENDPOINT, else " + DEFAULT_ENDPOINT,
            "Every verb also takes --token TOKEN (sent as Authorization: Bearer TOKEN) and, for an https endpoint,",
            "--cacert FILE (the CAs, PEM, that issued the server's certificate; default: the JDK's) and, where the",
            "server asks for client certificates, --cert FILE --key FILE (PEM chain and PKCS#8 key).",
            "Exit status: 0 ok, 1 operation failed or canceled, 2 usage error, 3 handler error from the endpoint,",
            "4 endpoint unreachable or unavailable (UNAVAILABLE, REQUEST_TIMEOUT), 5 still running after the wait.");

    private static final String[] TLS_OPTIONS = {"cacert", "cert", "key"};
    /** What every verb takes: where the endpoint is and how to reach it. */
    private static final Set<String> CONNECTION_OPTIONS = Set.of("endpoint", "header", "token", "cacert", "cert", "key");
    private static final Set<String> START_OPTIONS = with(CONNECTION_OPTIONS,
            "wait", "request-id", "callback", "callback-header", "timeout");
    private static final Set<String> TOKEN_OPTIONS = CONNECTION_OPTIONS;
    private static final Set<String> RESULT_OPTIONS = with(CONNECTION_OPTIONS, "wait");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Reads the input as a server would, strictly: one JSON value and nothing after it. */
    private static final JacksonSerializer INPUT_CHECK = JacksonSerializer.create(JSON);

    private final Transport transport;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    /** The endpoint of this command, once known: named when it cannot be reached. */
    private URI endpointUrl;

    CallCommand(Transport transport, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) {
        this.transport = transport;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    Exit run(List<String> words) throws UsageException {
        if (words.isEmpty() || words.get(0).equals("--help") || words.get(0).equals("help")) {
            out.println(USAGE);
            return words.isEmpty() ? Exit.USAGE : Exit.OK;
        }
        String verb = words.get(0);
        List<String> rest = words.subList(1, words.size());
        switch (verb) {
            case "start":
                return start(Args.parse(rest, START_OPTIONS));
            case "info":
                return info(Args.parse(rest, TOKEN_OPTIONS));
            case "result":
                return result(Args.parse(rest, RESULT_OPTIONS));
            case "cancel":
                return cancel(Args.parse(rest, TOKEN_OPTIONS));
            default:
                throw new UsageException("unknown verb \"" + verb + "\": use start, info, result or cancel");
        }
    }

    private Exit start(Args a) throws UsageException {
        List<String> p = a.positional();
        if (p.size() < 2 || p.size() > 3) {
            throw new UsageException("start takes SERVICE OPERATION [INPUT|-], got " + p.size() + " words");
        }
        Content input = p.size() == 3 ? json(p.get(2)) : Content.empty();
        Duration timeout = a.duration("timeout", null);
        Headers headers = requestHeaders(a);
        StartRequest.Builder request = StartRequest.builder(p.get(0), p.get(1))
                .headers(headers)
                .requestId(a.option("request-id", UUID.randomUUID().toString()))
                .callbackUrl(a.option("callback", null))
                .callbackHeaders(headers(a, "callback-header"))
                .deadline(timeout == null ? null : Instant.now().plus(timeout))
                .input(input);
        Duration wait = a.duration("wait", null);
        NexusEndpoint endpoint = endpoint(a);
        return endpoint.start(request.build()).accept(new StartOutcome.Visitor<Exit>() {
            @Override
            public Exit sync(StartOutcome.Sync sync) {
                return printResult(sync.result());
            }

            @Override
            public Exit async(StartOutcome.Async async) {
                String token = async.token();
                if (wait == null) {
                    out.println(token);
                    err.println("started asynchronously; follow it with: nexus-demo call result " + p.get(0) + " "
                            + p.get(1) + " " + shellQuote(token) + " --wait 30s");
                    return Exit.OK;
                }
                err.println("started asynchronously, token " + token + "; waiting up to " + human(wait));
                return awaitResult(endpoint, tokenRequest(headers, p.get(0), p.get(1), token), wait);
            }

            @Override
            public Exit operationFailure(OperationFailure failure) {
                return failed(failure);
            }

            @Override
            public Exit handlerError(HandlerError error) {
                return failed(error);
            }

            @Override
            public Exit deadlineExceeded(DeadlineExceeded deadline) {
                return failed(deadline.asHandlerError());
            }
        });
    }

    private Exit info(Args a) throws UsageException {
        TokenRequest request = tokenRequest(a);
        return endpoint(a).fetchInfo(request).accept(new FetchInfoOutcome.Visitor<Exit>() {
            @Override
            public Exit info(FetchInfoOutcome.Info info) {
                out.println(JSON.createObjectNode().put("token", info.info().token())
                        .put("state", info.info().state().wireName()));
                return Exit.OK;
            }

            @Override
            public Exit operationFailure(OperationFailure failure) {
                return failed(failure);
            }

            @Override
            public Exit handlerError(HandlerError error) {
                return failed(error);
            }

            @Override
            public Exit deadlineExceeded(DeadlineExceeded deadline) {
                return failed(deadline.asHandlerError());
            }
        });
    }

    private Exit result(Args a) throws UsageException {
        // every argument is checked before the endpoint is contacted
        TokenRequest request = tokenRequest(a);
        Duration wait = a.duration("wait", Duration.ZERO);
        return awaitResult(endpoint(a), request, wait);
    }

    private Exit awaitResult(NexusEndpoint endpoint, TokenRequest request, Duration wait) {
        return endpoint.fetchResult(request, wait).accept(new FetchResultOutcome.Visitor<Exit>() {
            @Override
            public Exit ready(FetchResultOutcome.Ready ready) {
                return printResult(ready.result());
            }

            @Override
            public Exit stillRunning(FetchResultOutcome.StillRunning stillRunning) {
                err.println("still running after " + human(wait) + " (token " + request.token()
                        + "); wait longer with --wait");
                return Exit.STILL_RUNNING;
            }

            @Override
            public Exit operationFailure(OperationFailure failure) {
                return failed(failure);
            }

            @Override
            public Exit handlerError(HandlerError error) {
                return failed(error);
            }

            @Override
            public Exit deadlineExceeded(DeadlineExceeded deadline) {
                return failed(deadline.asHandlerError());
            }
        });
    }

    private Exit cancel(Args a) throws UsageException {
        TokenRequest request = tokenRequest(a);
        return endpoint(a).cancel(request).accept(new CancelOutcome.Visitor<Exit>() {
            @Override
            public Exit accepted(CancelOutcome.Accepted accepted) {
                err.println("cancellation requested for " + request.service() + "/" + request.operation() + " "
                        + request.token());
                return Exit.OK;
            }

            @Override
            public Exit handlerError(HandlerError error) {
                return failed(error);
            }

            @Override
            public Exit deadlineExceeded(DeadlineExceeded deadline) {
                return failed(deadline.asHandlerError());
            }
        });
    }

    private Exit printResult(Content result) {
        if (result.isEmpty()) {
            err.println("(the operation returned no result)");
        } else {
            out.println(new String(result.data(), StandardCharsets.UTF_8));
        }
        return Exit.OK;
    }

    /** Reports an operation failure with its own exit status. */
    private Exit failed(OperationFailure f) {
        err.println("operation " + f.state().wireName() + ": " + describe(f.failure()));
        return Exit.OPERATION_FAILED;
    }

    /** Reports a handler error with its own exit status. */
    private Exit failed(HandlerError e) {
        err.println("error " + e.exception().rawType() + ": " + describe(e.failure())
                + (e.retryable() ? " (retryable)" : " (not retryable)"));
        // the HTTP client reports an unreachable endpoint as UNAVAILABLE, a silent one as REQUEST_TIMEOUT
        HandlerException.ErrorType type = e.type();
        if (type == HandlerException.ErrorType.UNAVAILABLE && endpointUrl != null) {
            err.println("is " + endpointUrl + " the right endpoint? Name another with --endpoint URL or"
                    + " $NEXUS_ENDPOINT; \"nexus-demo serve\" serves the demo at " + DEFAULT_ENDPOINT);
        }
        return type == HandlerException.ErrorType.UNAVAILABLE || type == HandlerException.ErrorType.REQUEST_TIMEOUT
                ? Exit.UNREACHABLE
                : Exit.HANDLER_ERROR;
    }

    private static String describe(Failure f) {
        StringBuilder sb = new StringBuilder(f.message().isEmpty() ? "(no message)" : f.message());
        for (Failure c = f.cause(); c != null; c = c.cause()) {
            sb.append("; caused by: ").append(c.message());
        }
        return sb.toString();
    }

    private TokenRequest tokenRequest(Args a) throws UsageException {
        List<String> p = a.positional();
        if (p.size() != 3) {
            throw new UsageException("this verb takes SERVICE OPERATION TOKEN, got " + p.size() + " words");
        }
        return tokenRequest(a, p.get(0), p.get(1), p.get(2));
    }

    private TokenRequest tokenRequest(Args a, String service, String operation, String token) throws UsageException {
        return tokenRequest(requestHeaders(a), service, operation, token);
    }

    private static TokenRequest tokenRequest(Headers headers, String service, String operation, String token) {
        return TokenRequest.builder(service, operation, token).headers(headers).build();
    }

    private NexusEndpoint endpoint(Args a) throws UsageException {
        String url = a.option("endpoint", env.getOrDefault("NEXUS_ENDPOINT", DEFAULT_ENDPOINT));
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            endpointUrl = uri;
            TlsOptions tls = TlsOptions.read(a, TLS_OPTIONS);
            if (!tls.any()) {
                return transport.connect(uri);
            }
            if (!"https".equals(uri.getScheme())) {
                throw new UsageException("--cacert, --cert and --key are for an https:// endpoint, got " + url);
            }
            return transport.connect(uri, tls.client());
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint \"" + url + "\" is not an http:// or https:// URL, e.g. "
                    + DEFAULT_ENDPOINT);
        }
    }

    private Content json(String arg) throws UsageException {
        byte[] bytes;
        if (arg.equals("-")) {
            try {
                bytes = stdin.readAllBytes();
            } catch (IOException e) {
                throw new UsageException("cannot read the input from standard input: " + e.getMessage());
            }
        } else {
            bytes = arg.getBytes(StandardCharsets.UTF_8);
        }
        Content input = Content.of("application/json", bytes);
        try {
            // the SDK's own reading of JSON, so the message is the one a server would send for the same text
            INPUT_CHECK.deserialize(input, JsonNode.class);
        } catch (SerializationException e) {
            throw new UsageException("the input is not valid JSON: " + e.getMessage() + "; quote it for the shell,"
                    + " e.g. '{\"name\": \"Ada\"}'");
        }
        return input;
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** The --header options, and --token as the bearer token of the Authorization header. */
    private static Headers requestHeaders(Args a) throws UsageException {
        Headers headers = headers(a, "header");
        String token = a.option("token", null);
        if (token == null) {
            return headers;
        }
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UsageException("--token takes a bearer token: printable ASCII without spaces");
        }
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("authorization", "Bearer " + token);
        return Headers.of(all);
    }

    private static Headers headers(Args a, String option) throws UsageException {
        List<String> values = a.all(option);
        String[] pairs = new String[values.size() * 2];
        for (int i = 0; i < values.size(); i++) {
            String[] kv = Args.pair(option, values.get(i));
            pairs[2 * i] = kv[0];
            pairs[2 * i + 1] = kv[1];
        }
        return Headers.of(pairs);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_.:=/+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
