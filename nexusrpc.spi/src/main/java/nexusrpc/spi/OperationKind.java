package nexusrpc.spi;

import java.lang.annotation.Annotation;
import nexusrpc.api.InvalidContractException;
import nexusrpc.api.handler.OperationHandler;

/**
 * A kind of operation implementation (sync shorthand, manual factory, workflow-backed...), recognized by its
 * annotation on a method of a {@code @ServiceImpl} class. Found with {@link java.util.ServiceLoader}: declare
 * {@code provides nexusrpc.spi.OperationKind with ...} in {@code module-info.java} and list the class in {@code
 * META-INF/services/nexusrpc.spi.OperationKind} for the class path.
 *
 * <p>Implementations need a public no-argument constructor (or a public static {@code provider()} method) and
 * must be thread-safe. A kind (or a handler it builds) that holds resources (threads, job tables, connections)
 * implements {@link AutoCloseable}: the engine closes discovered kinds and the handlers they built when the
 * {@code NexusHandler} is closed. A discovered kind can be left out by its class name, on the engine's builder or
 * with the system property {@code nexusrpc.kinds.exclude}. They never reflect per request: everything reflective arrives resolved in the {@link
 * OperationBinding}.
 */
public interface OperationKind {
    /**
     * The version of this SPI, {@code major.minor}. A kind returns it from {@link #spiVersion()}, so the value
     * compiled into the kind is the version it was built for (as SLF4J providers declare the API version they
     * were built for). The engine accepts a kind of the same major version and a minor version not above its own,
     * and refuses any other with an error naming the kind and both versions.
     */
    String SPI_VERSION = "1.0";

    /**
     * The SPI version this kind was built for: implement it as {@code return OperationKind.SPI_VERSION;}, which
     * the compiler inlines, so the value records the SPI the kind was compiled against.
     */
    String spiVersion();

    /** The annotation that marks a method as an operation of this kind, e.g. {@code @SyncOperation}. */
    Class<? extends Annotation> annotation();

    /** A short name for messages; defaults to the annotation's name. */
    default String name() {
        return "@" + annotation().getSimpleName();
    }

    /**
     * Builds the handler of one operation for one service instance; called once, at registration.
     *
     * @param binding the implementation method, its contract operation and a method handle bound to the
     *     instance
     * @return the handler serving every request of the operation; its input and output types must be the
     *     contract's
     * @throws InvalidContractException if the method does not fit this kind; each problem names the method and
     *     says what to change
     */
    OperationHandler<?, ?> createHandler(OperationBinding binding);
}
