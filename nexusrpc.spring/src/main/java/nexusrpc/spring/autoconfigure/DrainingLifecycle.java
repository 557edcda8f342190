package nexusrpc.spring.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * What the Nexus HTTP server and the Temporal Nexus workers share as context lifecycles: started once every
 * singleton exists, drained when the context closes (each on a thread of its own, so that they drain side by side)
 * before any bean is destroyed, so calls in flight find the beans they use alive. They run in the phase of Spring
 * Boot's web server graceful shutdown.
 */
public abstract class DrainingLifecycle implements SmartLifecycle {
    /** Spring Boot's web server graceful shutdown phase. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final String drainThreadName;
    private volatile boolean running;

    /** A lifecycle whose drain runs on a thread named {@code drainThreadName}. */
    protected DrainingLifecycle(String drainThreadName) {
        this.drainThreadName = drainThreadName;
    }

    /** Starts serving. */
    protected abstract void startServing();

    /** Stops taking work and waits (bounded) until the work in flight is done. */
    protected abstract void drain();

    @Override
    public final void start() {
        startServing();
        running = true;
    }

    @Override
    public final void stop(Runnable callback) {
        running = false;
        Thread drain = new Thread(() -> {
            try {
                drain();
            } finally {
                callback.run();
            }
        }, drainThreadName);
        drain.start();
    }

    @Override
    public final void stop() {
        running = false;
        drain();
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int getPhase() {
        return PHASE;
    }
}
