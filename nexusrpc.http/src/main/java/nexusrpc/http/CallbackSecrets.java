package nexusrpc.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nexusrpc.api.HandlerException;
import nexusrpc.api.Headers;

/**
 * Completion callbacks that cannot be forged: {@link NexusHttpClient} (built with {@link
 * NexusHttpClient.Builder#callbackSecrets}) adds to every start that carries a callback URL the callback header
 * {@value #HEADER}, an unguessable per-operation credential, and a {@link CompletionReceiver} built with the same
 * instance ({@link CompletionReceiver.Builder#verifier}) accepts only completions carrying a valid one, each at most
 * once.
 *
 * <p>The credential is {@code v1.<id>.<expiry>.<service>.<operation>.<mac>}: a random 128-bit callback id, the
 * expiry in epoch seconds, the service and operation names (base64url), and an HMAC-SHA256 over all of them with a
 * 256-bit key only this object holds. The receiver checks the MAC in constant time, so a credential for one operation
 * cannot be turned into one for another, and refuses expired ones. Share one instance between the client and the
 * receiver of a process; processes that must accept each other's callbacks share the key ({@link #withKey}).
 *
 * <pre>{@code
 * CallbackSecrets secrets = CallbackSecrets.create();
 * NexusHttpClient client = NexusHttpClient.builder(uri).callbackSecrets(secrets).build();
 * server.createContext("/callbacks", CompletionReceiver.builder(listener).verifier(secrets).build());
 * }</pre>
 *
 * Thread-safe.
 */
public final class CallbackSecrets implements CompletionVerifier {
    /** The callback header carrying the credential (sent as {@code Nexus-Callback-Completion-Secret} at start). */
    public static final String HEADER = "Completion-Secret";
    /** How long a credential is accepted by default: long enough for operations that run for days. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final int MAX_CREDENTIAL_LENGTH = 4096;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Duration validity;

    private CallbackSecrets(byte[] key, Duration validity) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.validity = validity;
    }

    /** Secrets with a fresh random 256-bit key and the {@linkplain #DEFAULT_VALIDITY default validity}. */
    public static CallbackSecrets create() {
        byte[] key = new byte[MIN_KEY_BYTES];
        RANDOM.nextBytes(key);
        return new CallbackSecrets(key, DEFAULT_VALIDITY);
    }

    /**
     * Secrets with your key (at least 32 random bytes, e.g. from your secret store) shared by processes that accept
     * each other's callbacks.
     */
    public static CallbackSecrets withKey(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a callback key needs at least " + MIN_KEY_BYTES
                    + " random bytes, got " + key.length);
        }
        return new CallbackSecrets(key.clone(), DEFAULT_VALIDITY);
    }

    /**
     * The same key with another validity: how long after a start its completion is accepted (and how long the
     * receiver remembers delivered ids).
     */
    public CallbackSecrets validity(Duration v) {
        if (v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException("the validity of callback credentials must be positive, got " + v);
        }
        return new CallbackSecrets(key.getEncoded(), v);
    }

    /** A fresh credential for one start of {@code service}/{@code operation}: the value of {@value #HEADER}. */
    public String issue(String service, String operation) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        long expiry = Instant.now().plus(validity).getEpochSecond();
        String signed = VERSION + "." + B64.encodeToString(id) + "." + expiry + "." + text(service) + "."
                + text(operation);
        return signed + "." + B64.encodeToString(mac(signed));
    }

    @Override
    public VerifiedCallback verify(Headers headers) {
        String credential = headers.get(HEADER);
        if (credential == null || credential.isEmpty()) {
            throw new HandlerException(HandlerException.ErrorType.UNAUTHENTICATED,
                    "the completion carries no " + HEADER + " header");
        }
        String[] parts = credential.length() > MAX_CREDENTIAL_LENGTH ? new String[0] : credential.split("\\.", -1);
        if (parts.length != 6 || !parts[0].equals(VERSION)) {
            throw refused("the " + HEADER + " header is not a v1 credential");
        }
        byte[] presented;
        String service;
        String operation;
        long expiry;
        try {
            presented = B64D.decode(parts[5]);
            service = new String(B64D.decode(parts[3]), StandardCharsets.UTF_8);
            operation = new String(B64D.decode(parts[4]), StandardCharsets.UTF_8);
            expiry = Long.parseLong(parts[2]);
        } catch (IllegalArgumentException e) {
            throw refused("the " + HEADER + " header is malformed");
        }
        String signed = credential.substring(0, credential.lastIndexOf('.'));
        if (!MessageDigest.isEqual(mac(signed), presented)) {
            throw refused("the MAC of the " + HEADER + " header does not match");
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry);
        if (Instant.now().isAfter(expiresAt)) {
            throw refused("the " + HEADER + " header expired at " + expiresAt);
        }
        return new VerifiedCallback(parts[1], service, operation, expiresAt);
    }

    private static HandlerException refused(String why) {
        return new HandlerException(HandlerException.ErrorType.UNAUTHORIZED, why);
    }

    private static String text(String s) {
        return B64.encodeToString(Objects.requireNonNull(s).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "CallbackSecrets[validity=" + validity + "]";
    }
}
