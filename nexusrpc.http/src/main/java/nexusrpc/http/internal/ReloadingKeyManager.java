package nexusrpc.http.internal;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager whose key and certificate chain are read from files and read again when they change (see {@link
 * Reloadable}): new handshakes present the new certificate, connections already open keep theirs.
 *
 * <p>Aliases carry the generation of the material they come from ({@code g3.0.key}): the JDK chooses an alias and
 * then asks for its key and chain in separate calls, and a reload between them must not pair one generation's
 * chain with another's key.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    /** One loaded key store and the JDK key manager over it. */
    private record Generation(String prefix, X509ExtendedKeyManager keys) {}

    private final Reloadable<Generation> material;

    /**
     * Loads the key store once (failures are thrown).
     *
     * @param files the files {@code keyStore} reads (none: never reloaded)
     * @param keyStore loads the key store; its messages name the file
     * @param password the password of the key entries
     */
    public ReloadingKeyManager(List<Path> files, Duration interval, Supplier<KeyStore> keyStore, char[] password) {
        char[] pass = password.clone();
        this.material = new Reloadable<>("TLS key and certificate chain", files, interval,
                () -> generation(keyStore.get(), pass));
    }

    private static Generation generation(KeyStore store, char[] password) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, password);
            for (KeyManager m : factory.getKeyManagers()) {
                if (m instanceof X509ExtendedKeyManager keys) {
                    return new Generation("g" + GENERATIONS.incrementAndGet() + ".", keys);
                }
            }
            throw new IllegalStateException("the JDK's PKIX key manager factory made no X509ExtendedKeyManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key store cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    /** Reads the files again now; throws {@link IllegalArgumentException} (keeping the old material) if broken. */
    public void reload() {
        material.reload();
    }

    private String tag(Generation g, String alias) {
        return alias == null ? null : g.prefix() + alias;
    }

    private String[] tag(Generation g, String[] aliases) {
        if (aliases == null) {
            return null;
        }
        String[] tagged = new String[aliases.length];
        for (int i = 0; i < aliases.length; i++) {
            tagged[i] = g.prefix() + aliases[i];
        }
        return tagged;
    }

    /** The generation an alias of ours came from (current or previous), or null. */
    private Generation of(String alias) {
        if (alias == null) {
            return null;
        }
        Generation g = material.current();
        if (alias.startsWith(g.prefix())) {
            return g;
        }
        Generation p = material.previous();
        return p != null && alias.startsWith(p.prefix()) ? p : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        Generation g = material.current();
        return tag(g, g.keys().getClientAliases(keyType, issuers));
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        Generation g = material.current();
        return tag(g, g.keys().chooseClientAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        Generation g = material.current();
        return tag(g, g.keys().chooseEngineClientAlias(keyType, issuers, engine));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation g = material.current();
        return tag(g, g.keys().getServerAliases(keyType, issuers));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation g = material.current();
        return tag(g, g.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation g = material.current();
        return tag(g, g.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation g = of(alias);
        return g == null ? null : g.keys().getCertificateChain(alias.substring(g.prefix().length()));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation g = of(alias);
        return g == null ? null : g.keys().getPrivateKey(alias.substring(g.prefix().length()));
    }
}
