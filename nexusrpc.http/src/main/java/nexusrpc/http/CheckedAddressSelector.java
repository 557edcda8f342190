package nexusrpc.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Makes the completion sender's own {@code HttpClient} connect to the address the callback URL policy checked,
 * not to a second resolution of the host name, which DNS rebinding could point at an internal address between the
 * check and the connection ({@code java.net.http} resolves names itself and offers no way to give it an address).
 *
 * <p>For an {@code http} URL, the policy checks the URL again here, as the connection is being made, and the
 * exchange is sent to the checked address as to a proxy: the request then goes in absolute form ({@code POST
 * http://host/path}) with the {@code Host} header of the URL, which every HTTP/1.1 server must accept (RFC 9112,
 * 3.2.2). An {@code https} URL is connected directly: there the TLS handshake checks that the peer holds a
 * certificate for the host name, so an answer that resolves the name to another server fails before any byte of
 * the completion is sent. A URL the policy refuses here fails the exchange.
 */
final class CheckedAddressSelector extends ProxySelector {
    private final CallbackUrlPolicy policy;

    CheckedAddressSelector(CallbackUrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return List.of(Proxy.NO_PROXY);
        }
        CallbackUrlPolicy.Checked checked = policy.checked(uri.toString());
        if (checked.addresses().isEmpty()) {
            // a policy that does not resolve names (resolveHosts(false)): nothing to pin
            return List.of(Proxy.NO_PROXY);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(checked.addresses().get(0), port)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // nothing to learn: the next attempt checks and resolves again
    }
}
