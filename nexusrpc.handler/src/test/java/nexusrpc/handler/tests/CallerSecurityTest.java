package nexusrpc.handler.tests;

import static nexusrpc.handler.security.OperationVerb.CANCEL;
import static nexusrpc.handler.security.OperationVerb.FETCH_INFO;
import static nexusrpc.handler.security.OperationVerb.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import nexusrpc.api.HandlerException;
import nexusrpc.api.HandlerException.ErrorType;
import nexusrpc.api.Headers;
import nexusrpc.api.OperationException;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.ForwardingOperationContext;
import nexusrpc.handler.ForwardingOperationHandler;
import nexusrpc.handler.Middleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.security.AccessRules;
import nexusrpc.handler.security.BearerTokenAuthenticator;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.security.CertificateAuthenticator;
import nexusrpc.handler.testing.NexusTestHarness;
import nexusrpc.handler.transport.HandlerError;
import nexusrpc.handler.transport.StartOutcome;
import nexusrpc.handler.transport.StartRequest;
import nexusrpc.handler.transport.TokenRequest;
import nexusrpc.handler.transport.TransportPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Caller authentication and authorization in the engine, over the in-memory transport: refusals answer
 * UNAUTHENTICATED / UNAUTHORIZED with a fixed message before anything else happens, per operation and per verb.
 */
class CallerSecurityTest {
    private static final String ALICE_TOKEN = "alice-secret-token-0001";
    private static final String BOB_TOKEN = "bob-secret-token-0002";
    private static final String NOT_AUTHENTICATED = "the caller is not authenticated";
    private static final String NOT_ALLOWED = "the caller is not allowed to make this request";

    private final Jobs jobs = new Jobs();
    private final List<Optional<CallerPrincipal>> seenCallers = new CopyOnWriteArrayList<>();
    private final BearerTokenAuthenticator tokens = BearerTokenAuthenticator.create(
            Map.of(ALICE_TOKEN, "alice", BOB_TOKEN, "bob"));
    // alice may start and look at jobs, not cancel them nor fetch results nor call "plain"; bob may do anything
    private final AccessRules rules = AccessRules.builder()
            .allow("alice", "jobs", "run", START, FETCH_INFO)
            .allow("bob", "jobs", AccessRules.ANY)
            .build();
    private final NexusHandler handler = NexusHandler.builder()
            .service(new JobServiceImpl(jobs))
            .middleware(recordingCaller())
            .authenticator(tokens)
            .authorizer(rules)
            .build();

    @AfterEach
    void close() {
        handler.close();
    }

    /** Records what the handler sees as its caller, through a forwarding context as real middleware would. */
    private Middleware recordingCaller() {
        return (service, operation, next) -> new ForwardingOperationHandler<>(next) {
            @Override
            public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                    throws OperationException {
                OperationContext forwarded = new ForwardingOperationContext(ctx);
                seenCallers.add(forwarded.caller());
                return super.start(forwarded, options, input);
            }
        };
    }

    private static Headers bearer(String token) {
        return Headers.of("Authorization", "Bearer " + token);
    }

    private StartOutcome start(String operation, Headers headers, String json) {
        return handler.start(StartRequest.builder("jobs", operation).headers(headers)
                .input(Requests.json(json)).build());
    }

    private static TokenRequest token(String token, Headers headers) {
        return TokenRequest.builder("jobs", "run", token).headers(headers).build();
    }

    private static void assertRefused(ErrorType type, String message, Object outcome) {
        HandlerError e = assertInstanceOf(HandlerError.class, outcome);
        assertEquals(type, e.type());
        assertEquals(message, e.failure().message());
        assertFalse(e.retryable());
    }

    private String startedJob() {
        StartOutcome.Async async = assertInstanceOf(StartOutcome.Async.class,
                start("run", bearer(BOB_TOKEN), "{\"name\":\"j\",\"quick\":false}"));
        return async.token();
    }

    @Test
    void aRequestWithoutCredentialsIsRefusedBeforeItsInputIsRead() {
        // the input is not even JSON: an authenticated caller would get BAD_REQUEST
        assertRefused(ErrorType.UNAUTHENTICATED, NOT_AUTHENTICATED, start("run", Headers.empty(), "{not json"));
        assertRefused(ErrorType.UNAUTHENTICATED, NOT_AUTHENTICATED,
                start("run", Headers.of("Authorization", "Basic YWxpY2U6cHc="), "{not json"));
        assertTrue(seenCallers.isEmpty());
        assertTrue(jobs.started.isEmpty());
    }

    @Test
    void aWrongTokenIsRefusedWithTheSameMessage() {
        assertRefused(ErrorType.UNAUTHENTICATED, NOT_AUTHENTICATED,
                start("run", bearer("alice-secret-token-0003"), "{\"name\":\"j\",\"quick\":true}"));
        assertRefused(ErrorType.UNAUTHENTICATED, NOT_AUTHENTICATED,
                handler.fetchInfo(token("job-1-j", bearer("nope"))));
        assertRefused(ErrorType.UNAUTHENTICATED, NOT_AUTHENTICATED,
                handler.cancel(token("job-1-j", Headers.of("Authorization", "Bearer "))));
    }

    @Test
    void theHandlerSeesTheAuthenticatedCaller() {
        assertInstanceOf(StartOutcome.Sync.class, start("run", bearer(ALICE_TOKEN), "{\"name\":\"j\",\"quick\":true}"));
        assertEquals(List.of(Optional.of(CallerPrincipal.of("alice", BearerTokenAuthenticator.SCHEME))),
                seenCallers);
    }

    @Test
    void authorizationIsPerOperation() {
        assertInstanceOf(StartOutcome.Sync.class, start("plain", bearer(BOB_TOKEN), "\"x\""));
        assertRefused(ErrorType.UNAUTHORIZED, NOT_ALLOWED, start("plain", bearer(ALICE_TOKEN), "\"x\""));
        // an operation that does not exist is not revealed to a caller who may not call it
        assertRefused(ErrorType.UNAUTHORIZED, NOT_ALLOWED, start("nonexistent", bearer(ALICE_TOKEN), "\"x\""));
        assertEquals(ErrorType.NOT_FOUND, assertInstanceOf(HandlerError.class,
                start("nonexistent", bearer(BOB_TOKEN), "\"x\"")).type());
    }

    @Test
    void authorizationIsPerVerb() {
        String job = startedJob();
        assertInstanceOf(StartOutcome.Async.class,
                start("run", bearer(ALICE_TOKEN), "{\"name\":\"k\",\"quick\":false}"));
        assertInstanceOf(nexusrpc.handler.transport.FetchInfoOutcome.Info.class,
                handler.fetchInfo(token(job, bearer(ALICE_TOKEN))));
        assertRefused(ErrorType.UNAUTHORIZED, NOT_ALLOWED, handler.fetchResult(token(job, bearer(ALICE_TOKEN)),
                Duration.ZERO));
        assertRefused(ErrorType.UNAUTHORIZED, NOT_ALLOWED, handler.cancel(token(job, bearer(ALICE_TOKEN))));
        // bob may cancel
        assertInstanceOf(nexusrpc.handler.transport.CancelOutcome.Accepted.class,
                handler.cancel(token(job, bearer(BOB_TOKEN))));
    }

    @Test
    void afterRotationTheOldTokenIsRefusedAndTheNewOneAccepted() {
        String next = "alice-secret-token-0100";
        tokens.rotate(Map.of(next, "alice", BOB_TOKEN, "bob"));
        assertRefused(ErrorType.UNAUTHENTICATED, NOT_AUTHENTICATED,
                start("run", bearer(ALICE_TOKEN), "{\"name\":\"j\",\"quick\":true}"));
        assertInstanceOf(StartOutcome.Sync.class, start("run", bearer(next), "{\"name\":\"j\",\"quick\":true}"));
    }

    @Test
    void aFailingAuthenticatorOrAuthorizerIsAnsweredInternalWithoutDetail() {
        try (NexusHandler broken = NexusHandler.builder().service(new JobServiceImpl(jobs))
                .authenticator(r -> {
                    throw new IllegalStateException("vault unreachable at 10.0.0.7");
                }).build();
                NexusHandler brokenRules = NexusHandler.builder().service(new JobServiceImpl(jobs))
                        .authorizer((c, s, o, v) -> {
                            throw new IllegalStateException("policy store down");
                        }).build()) {
            for (NexusHandler h : List.of(broken, brokenRules)) {
                HandlerError e = assertInstanceOf(HandlerError.class, h.start(StartRequest.builder("jobs", "plain")
                        .headers(bearer(ALICE_TOKEN)).input(Requests.json("\"x\"")).build()));
                assertEquals(ErrorType.INTERNAL, e.type());
                assertFalse(e.failure().message().contains("vault") || e.failure().message().contains("policy"),
                        e.failure().message());
            }
        }
    }

    @Test
    void theReplyFormIsAnsweredToo() {
        List<StartOutcome> replies = new CopyOnWriteArrayList<>();
        handler.start(StartRequest.builder("jobs", "run").input(Requests.json("{}")).build(), replies::add);
        assertEquals(1, replies.size());
        assertRefused(ErrorType.UNAUTHENTICATED, NOT_AUTHENTICATED, replies.get(0));
    }

    @Test
    void withoutSecurityConfiguredEveryCallerIsAnonymousAndAllowed() {
        try (NexusHandler open = NexusHandler.builder().service(new JobServiceImpl(jobs))
                .middleware(recordingCaller()).build()) {
            assertInstanceOf(StartOutcome.Sync.class, open.start(StartRequest.builder("jobs", "plain")
                    .input(Requests.json("\"x\"")).build()));
            assertEquals(List.of(Optional.empty()), seenCallers);
        }
    }

    @Test
    void theHarnessCallsAsAPeerWithAVerifiedCertificate() throws Exception {
        X509Certificate cert = TestCertificates.leaf("CN=billing", List.of("billing.internal.example"), List.of());
        TransportPeer peer = new TransportPeer(Optional.of(new InetSocketAddress("127.0.0.1", 4444)),
                List.of(cert), Map.of());
        NexusHandler mtls = NexusHandler.builder().service(new JobServiceImpl(jobs))
                .middleware(recordingCaller())
                .authenticator(CallerAuthenticator.firstOf(
                        CertificateAuthenticator.allowing("billing.internal.example"), tokens).allowingAnonymous())
                .authorizer(AccessRules.builder().allow("billing.internal.example", "jobs", "plain")
                        .allow("anonymous", "jobs", "run", START).build())
                .build();
        try (NexusTestHarness harness = NexusTestHarness.of(mtls)) {
            assertEquals("X", harness.untypedClient(peer).execute("jobs", "plain", "x", String.class,
                    CallOptions.defaults()));
            assertEquals("billing.internal.example", seenCallers.get(0).orElseThrow().name());
            HandlerException e = assertThrows(HandlerException.class, () -> harness.untypedClient()
                    .execute("jobs", "plain", "x", String.class, CallOptions.defaults()));
            assertEquals(ErrorType.UNAUTHORIZED, e.type());
            assertEquals(NOT_ALLOWED, e.getMessage());
        } finally {
            mtls.close();
        }
    }
}
