package jlink.demo.jobs;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.handler.JacksonSerializer;
import nexusrpc.http.CompletionSender;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import nexusrpc.spi.StartMethod;

/**
 * The {@link BackgroundJob} operation kind. Found by the engine with {@link java.util.ServiceLoader} (this
 * module's {@code provides} clause and {@code META-INF/services} entry); the SDK has no reference to it.
 *
 * <p>At registration it checks the method's shape against the contract and resolves a single method handle; each
 * operation gets its own job table and worker threads.
 */
public final class BackgroundJobKind implements OperationKind {
    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

    /** Shared by the operations of one handler; created on first use, as most handlers have no job at all. */
    private volatile CompletionSender completions;

    /** Creates the kind (called by ServiceLoader). */
    public BackgroundJobKind() {}

    @Override
    public Class<? extends Annotation> annotation() {
        return BackgroundJob.class;
    }

    @Override
    public OperationHandler<?, ?> createHandler(OperationBinding binding) {
        Method m = binding.method();
        String where = binding.describeMethod();
        StartMethod start = StartMethod.inspect(binding, name());
        List<String> problems = new ArrayList<>(start.problems());
        Type ret = m.getGenericReturnType();
        if (!(ret instanceof ParameterizedType) || ((ParameterizedType) ret).getRawType() != Job.class) {
            problems.add(where + " returns " + ret.getTypeName() + ": a @BackgroundJob method returns Job<"
                    + binding.operation().outputType().getTypeName() + ">, the work to run after the start");
        } else {
            binding.outputMismatch(((ParameterizedType) ret).getActualTypeArguments()[0]).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidContractException(m.getDeclaringClass().getName(), problems);
        }
        BackgroundJob settings = m.getAnnotation(BackgroundJob.class);
        if (settings.maxRunning() < 1 || settings.retainSeconds() < 0) {
            throw new InvalidContractException(m.getDeclaringClass().getName(), List.of(where
                    + ": @BackgroundJob needs maxRunning >= 1 and retainSeconds >= 0, got " + settings.maxRunning()
                    + " and " + settings.retainSeconds()));
        }
        return new BackgroundJobHandler(
                binding.service().name() + "/" + binding.operation().name(),
                start,
                binding.operation().outputType(),
                settings.maxRunning(),
                Duration.ofSeconds(settings.retainSeconds()),
                JacksonSerializer.create(),
                completionSender());
    }

    private CompletionSender completionSender() {
        CompletionSender s = completions;
        if (s == null) {
            synchronized (this) {
                s = completions;
                if (s == null) {
                    // the SDK's sender: Nexus completion format, callback URL policy, retries with backoff
                    s = CompletionSender.create();
                    completions = s;
                }
            }
        }
        return s;
    }
}
