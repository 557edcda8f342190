package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nexusrpc.api.Headers;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.handler.security.Authentication;
import nexusrpc.handler.security.AuthenticationRequest;
import nexusrpc.handler.security.BearerTokenAuthenticator;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.security.CertificateAuthenticator;
import nexusrpc.handler.security.OperationVerb;
import nexusrpc.handler.transport.TransportPeer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS subject/SAN allow-list over a verified leaf certificate, and how authenticators combine. */
class CertificateAuthenticatorTest {
    private static X509Certificate billing;
    private static X509Certificate cnOnly;

    @BeforeAll
    static void certificates() throws Exception {
        billing = TestCertificates.leaf("CN=billing-cn,O=Example", List.of("billing.internal.example"),
                List.of("spiffe://example.org/billing"));
        cnOnly = TestCertificates.leaf("CN=reports.internal.example,O=Example\\, Inc.", List.of(), List.of());
    }

    private static AuthenticationRequest request(Headers headers, X509Certificate... chain) {
        return new AuthenticationRequest("svc", "op", OperationVerb.START, headers, new TransportPeer(
                Optional.of(new InetSocketAddress("127.0.0.1", 5555)), List.of(chain), Map.of()));
    }

    @Test
    void aDnsNameOnTheListAuthenticates() {
        Authentication a = CertificateAuthenticator.allowing("BILLING.internal.example")
                .authenticate(request(Headers.empty(), billing));
        CallerPrincipal p = a.principal().orElseThrow();
        assertEquals("billing.internal.example", p.name());
        assertEquals(CertificateAuthenticator.SCHEME, p.scheme());
        assertEquals(billing.getSubjectX500Principal().getName(), p.attributes().get("subject"));
    }

    @Test
    void aUriNameOnTheListAuthenticates() {
        Authentication a = CertificateAuthenticator.allowing("spiffe://example.org/billing")
                .authenticate(request(Headers.empty(), billing));
        assertEquals("spiffe://example.org/billing", a.principal().orElseThrow().name());
    }

    @Test
    void theCommonNameAuthenticatesWhenOnTheList() {
        assertEquals("billing-cn", CertificateAuthenticator.allowing("billing-cn")
                .authenticate(request(Headers.empty(), billing)).principal().orElseThrow().name());
        assertEquals("reports.internal.example", CertificateAuthenticator.allowing("reports.internal.example")
                .authenticate(request(Headers.empty(), cnOnly)).principal().orElseThrow().name());
    }

    @Test
    void aCertificateWithNoAllowedNameIsRefused() {
        Authentication a = CertificateAuthenticator.allowing("reports.internal.example", "spiffe://example.org/x")
                .authenticate(request(Headers.empty(), billing));
        assertTrue(a.recognized());
        assertTrue(a.principal().isEmpty());
        assertTrue(a.refusal().isPresent());
    }

    @Test
    void onlyTheLeafCounts() {
        // the allowed name is on the second certificate of the chain (an issuer), not on the caller's own
        Authentication a = CertificateAuthenticator.allowing("reports.internal.example")
                .authenticate(request(Headers.empty(), billing, cnOnly));
        assertTrue(a.principal().isEmpty());
    }

    @Test
    void withoutACertificateTheRequestIsNotRecognised() {
        Authentication a = CertificateAuthenticator.allowing("billing.internal.example")
                .authenticate(request(Headers.empty()));
        assertFalse(a.recognized());
    }

    @Test
    void theFirstAuthenticatorThatRecognisesTheCredentialsDecides() {
        CallerAuthenticator chain = CallerAuthenticator.firstOf(
                CertificateAuthenticator.allowing("billing.internal.example"),
                BearerTokenAuthenticator.create(Map.of("t-1", "token-holder")));
        assertEquals("billing.internal.example", chain.authenticate(
                request(Headers.of("Authorization", "Bearer t-1"), billing)).principal().orElseThrow().name());
        assertEquals("token-holder", chain.authenticate(
                request(Headers.of("Authorization", "Bearer t-1"))).principal().orElseThrow().name());
        // a refused certificate is not rescued by a valid token: the first that recognises decides
        assertTrue(chain.authenticate(request(Headers.of("Authorization", "Bearer t-1"), cnOnly))
                .principal().isEmpty());
        assertFalse(chain.authenticate(request(Headers.empty())).recognized());
        assertTrue(chain.allowingAnonymous().authenticate(request(Headers.empty()))
                .principal().orElseThrow().isAnonymous());
    }
}
