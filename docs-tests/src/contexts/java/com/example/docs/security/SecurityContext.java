package com.example.docs.security;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import nexusrpc.api.SensitiveHeaders;
import nexusrpc.api.handler.CallerPrincipal;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.handler.MdcMiddleware;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.security.AccessRules;
import nexusrpc.handler.security.BearerTokenAuthenticator;
import nexusrpc.handler.security.CallerAuthenticator;
import nexusrpc.handler.security.CertificateAuthenticator;
import nexusrpc.handler.security.OperationVerb;
import nexusrpc.http.CallbackSecrets;
import nexusrpc.http.CallbackUrlPolicy;
import nexusrpc.http.CompletionListener;
import nexusrpc.http.CompletionReceiver;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;

/** What docs/security.md's fragments take as given, and their imports. */
abstract class SecurityContext {
    /** Your service implementation. */
    Object paymentsImpl;
    /** The accepted tokens and their holders, from your secret store. */
    Map<String, String> tokensFromVault;
    /** The caller's server, where completions arrive. */
    HttpServer callerServer;
    /** What the caller does with a completion. */
    CompletionListener listener;
    /** The Nexus endpoint the caller calls. */
    URI handlerUri;
    /** A handler, inside an operation. */
    OperationContext ctx;
}
