package jlink.demo.jobs.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jlink.demo.jobs.BackgroundJob;
import jlink.demo.jobs.Job;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;
import nexusrpc.spi.StartMethod;

/**
 * The {@link BackgroundJob} operation kind. Found by the engine with {@link java.util.ServiceLoader} (this
 * module's {@code provides} clause and {@code META-INF/services} entry); the SDK has no reference to it. Public
 * only for ServiceLoader on the class path: its package is not exported.
 *
 * <p>At registration it checks the method's shape against the contract and resolves a single method handle; each
 * operation gets its own job table and worker threads, in the {@link AutoCloseable} handler built here, which the
 * engine closes with its {@code NexusHandler}. The kind itself holds nothing: one instance may build handlers for
 * any number of engines.
 */
public final class BackgroundJobKind implements OperationKind {
    /** Creates the kind (called by ServiceLoader). */
    public BackgroundJobKind() {}

    @Override
    public String spiVersion() {
        return OperationKind.SPI_VERSION;
    }

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
        if (settings.maxRunning() < 1 || settings.retainSeconds() < 0 || settings.maxRetained() < 0) {
            throw new InvalidContractException(m.getDeclaringClass().getName(), List.of(where
                    + ": @BackgroundJob needs maxRunning >= 1, retainSeconds >= 0 and maxRetained >= 0, got "
                    + settings.maxRunning() + ", " + settings.retainSeconds() + " and " + settings.maxRetained()));
        }
        return new BackgroundJobHandler(
                binding.service().name() + "/" + binding.operation().name(),
                start,
                settings.maxRunning(),
                Duration.ofSeconds(settings.retainSeconds()),
                settings.maxRetained(),
                System::nanoTime);
    }
}
