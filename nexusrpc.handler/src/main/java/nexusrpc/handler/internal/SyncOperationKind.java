package nexusrpc.handler.internal;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.OperationException;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import nexusrpc.spi.StartMethod;

/**
 * The shorthand style: a {@link SyncOperation} method is the {@code start} of a synchronous operation; the
 * other verbs answer {@code NOT_IMPLEMENTED}.
 */
public final class SyncOperationKind implements OperationKind {
    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

    /** Creates the kind (ServiceLoader). */
    public SyncOperationKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return SyncOperation.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        StartMethod start = StartMethod.inspect(binding, name());
        List<String> problems = new ArrayList<>(start.problems());
        binding.outputMismatch(binding.method().getGenericReturnType()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new InvalidContractException(binding.method().getDeclaringClass().getName(), problems);
        }
        return new SyncHandler(start);
    }

    /** The handler of one sync operation: the method is its start, called with one invokeExact. */
    private static final class SyncHandler implements OperationHandler<Object, Object> {
        private final StartMethod start;

        SyncHandler(StartMethod start) {
            this.start = start;
        }

        @Override
        public StartResult<Object> start(OperationContext ctx, StartOptions options, Object input)
                throws OperationException {
            return StartResult.sync(start.call(ctx, input));
        }
    }
}
