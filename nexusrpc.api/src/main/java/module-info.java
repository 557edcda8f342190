/**
 * The Nexus RPC API: what service authors and callers write against.
 *
 * <p>Depends on nothing but {@code java.base}. Contracts ({@link nexusrpc.api.Service}), values, errors and the
 * serializer contract live in {@code nexusrpc.api}; the handler contract ({@link
 * nexusrpc.api.handler.OperationHandler}) and the handler-style annotations in {@code nexusrpc.api.handler}; the
 * caller-side typed client contract in {@code nexusrpc.api.client}.
 */
module nexusrpc.api {
    exports nexusrpc.api;
    exports nexusrpc.api.handler;
    exports nexusrpc.api.client;
}
