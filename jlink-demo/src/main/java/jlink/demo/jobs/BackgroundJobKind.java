package jlink.demo.jobs;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
import nexusrpc.handler.http.CompletionSender;
import nexusrpc.spi.OperationBinding;
import nexusrpc.spi.OperationKind;

/**
 * The {@link BackgroundJob} operation kind. Found by the engine with {@link java.util.ServiceLoader} (this
 * module's {@code provides} clause and {@code META-INF/services} entry); the SDK has no reference to it.
 *
 * <p>At registration it checks the method's shape against the contract and resolves a single method handle; each
 * operation gets its own job table and worker threads.
 */
public final class BackgroundJobKind implements OperationKind {
    private static final MethodType UNIFORM =
            MethodType.methodType(Job.class, OperationContext.class, Object.class);

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
        Class<?>[] params = m.getParameterTypes();
        boolean hasContext = params.length > 0 && params[0] == OperationContext.class;
        int inputs = params.length - (hasContext ? 1 : 0);
        List<String> problems = new ArrayList<>();
        if (inputs > 1) {
            problems.add(where + " has " + params.length + " parameters: a @BackgroundJob method takes"
                    + " (OperationContext ctx, I input), (I input), (OperationContext ctx) or nothing");
        }
        if (inputs == 0 && !binding.operation().hasNoInput()) {
            problems.add(where + " takes no input but operation \"" + binding.operation().name()
                    + "\" of the contract takes " + binding.operation().inputType().getTypeName()
                    + ": add a parameter of that type");
        }
        Type ret = m.getGenericReturnType();
        if (!(ret instanceof ParameterizedType) || ((ParameterizedType) ret).getRawType() != Job.class) {
            problems.add(where + " returns " + ret.getTypeName() + ": a @BackgroundJob method returns Job<"
                    + binding.operation().outputType().getTypeName() + ">, the work to run after the start");
        }
        if (problems.isEmpty()) {
            Type input = inputs == 1 ? m.getGenericParameterTypes()[hasContext ? 1 : 0] : void.class;
            Type output = ((ParameterizedType) ret).getActualTypeArguments()[0];
            problems.addAll(binding.typeMismatches(input, output));
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
                uniform(binding.invoker(), hasContext, inputs == 1),
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

    /** Adapts the bound method to {@code (OperationContext, Object) -> Job} once, so each start is invokeExact. */
    private static MethodHandle uniform(MethodHandle bound, boolean hasContext, boolean hasInput) {
        MethodHandle h = bound;
        if (!hasContext) {
            h = MethodHandles.dropArguments(h, 0, OperationContext.class);
        }
        if (!hasInput) {
            h = MethodHandles.dropArguments(h, 1, Object.class);
        }
        return h.asType(UNIFORM);
    }
}
