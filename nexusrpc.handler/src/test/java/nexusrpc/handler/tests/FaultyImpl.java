package nexusrpc.handler.tests;

import java.io.IOException;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.RetryBehavior;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/** Implements {@link Faulty}: every way a handler can fail. */
@ServiceImpl(Faulty.class)
public final class FaultyImpl {
    /**
     * An internal detail (the name of a storage shard) that must never reach a caller unless stack traces are on.
     * Deliberately not credential-shaped: it ends up in the handler's log, and log scanners flag things like
     * {@code password=...}.
     */
    public static final String SECRET = "ledger-shard-17";

    /** Fails as {@code mode} says. */
    @SyncOperation
    public String fail(String mode) throws OperationException {
        if (mode.startsWith("handler:")) {
            String type = mode.substring("handler:".length());
            throw new HandlerException(HandlerException.ErrorType.valueOf(type), "handler said " + type);
        }
        switch (mode) {
            case "failed":
                throw OperationException.failed("payment declined",
                        new IllegalStateException("card expired", new IllegalArgumentException("bank offline")));
            case "cyclic":
                RuntimeException inner = new RuntimeException("inner");
                OperationException outer = OperationException.failed("outer", inner);
                inner.initCause(outer); // outer -> inner -> outer -> ...
                throw outer;
            case "canceled":
                throw OperationException.canceled("stopped by the user");
            case "retryable-bad-request":
                throw new HandlerException(HandlerException.ErrorType.BAD_REQUEST, "try again", null,
                        RetryBehavior.RETRYABLE);
            case "final-internal":
                throw new HandlerException(HandlerException.ErrorType.INTERNAL, "do not retry", null,
                        RetryBehavior.NON_RETRYABLE);
            case "boom":
                throw new IllegalStateException("database rejected " + SECRET);
            case "npe":
                return ((String) null).trim();
            default:
                return "ok " + mode;
        }
    }

    /** Declares and throws a checked exception. */
    @SyncOperation
    public String checked(String input) throws IOException {
        throw new IOException("disk full at /srv/" + SECRET);
    }

    /** Returns a handler that breaks the StartResult contract. */
    @OperationImpl
    public OperationHandler<String, String> broken() {
        return (ctx, options, input) -> null;
    }
}
