package nexusrpc.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys: OpenTelemetry's RPC semantic conventions (the stable set, v1.38 and later) where they fit,
 * {@code nexus.*} for what is Nexus's own.
 */
final class Keys {
    /** Always {@value #SYSTEM}. */
    static final AttributeKey<String> RPC_SYSTEM_NAME = AttributeKey.stringKey("rpc.system.name");
    /** {@code service/operation}: the fully qualified method, as the conventions ask. */
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    /** {@code OK}, the handler error type, {@code OPERATION_FAILED} or {@code OPERATION_CANCELED}. */
    static final AttributeKey<String> RPC_STATUS = AttributeKey.stringKey("rpc.response.status_code");
    /** Set when the call ended in error: the handler error type, or {@code OPERATION_FAILED}. */
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("nexus.service");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("nexus.operation");
    /** {@code start}, {@code fetchInfo}, {@code fetchResult}, {@code cancel} or {@code completion}. */
    static final AttributeKey<String> VERB = AttributeKey.stringKey("nexus.verb");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("nexus.request_id");
    /** {@code sync}, {@code async}, {@code ok}, {@code still_running}, {@code failed}, {@code canceled}, ... */
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("nexus.outcome");
    /** {@code http}, {@code temporal}, {@code memory}, {@code client}. */
    static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("nexus.transport");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("nexus.attempt");
    static final AttributeKey<Boolean> RETRYING = AttributeKey.booleanKey("nexus.retrying");
    static final AttributeKey<Boolean> DEADLINE_EXCEEDED = AttributeKey.booleanKey("nexus.deadline_exceeded");
    /** A completion delivery's end: {@code delivered} or {@code given_up}. */
    static final AttributeKey<String> DELIVERY = AttributeKey.stringKey("nexus.completion.result");
    /** What a worker serves, e.g. its Temporal task queue. */
    static final AttributeKey<String> WORKER = AttributeKey.stringKey("nexus.worker");
    /** A poll's end: {@code task}, {@code empty} or {@code error}. */
    static final AttributeKey<String> POLL = AttributeKey.stringKey("nexus.poll.result");

    static final String SYSTEM = "nexus";

    private Keys() {}
}
