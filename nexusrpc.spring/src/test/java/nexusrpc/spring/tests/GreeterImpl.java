package nexusrpc.spring.tests;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/**
 * The implementation, a plain bean: {@link CountingAspect} advises its public methods, so Spring makes it a CGLIB
 * subclass ({@code GreeterImpl$$SpringCGLIB$$0}) that carries no {@code @ServiceImpl} of its own.
 */
@ServiceImpl(Greeter.class)
public class GreeterImpl {
    // final fields of a CGLIB proxy are never set: tests reach these through the methods below
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CountDownLatch slowRelease = new CountDownLatch(1);

    @SyncOperation
    public String greet(String name) {
        return "hello " + name;
    }

    @SyncOperation
    public String slow(String input) throws InterruptedException {
        slowEntered.countDown();
        return slowRelease.await(20, TimeUnit.SECONDS) ? "finished " + input : "never released";
    }

    /** Waits until a "slow" call has started. */
    public boolean awaitSlowCall() throws InterruptedException {
        return slowEntered.await(10, TimeUnit.SECONDS);
    }

    /** Lets "slow" calls finish. */
    public void releaseSlowCalls() {
        slowRelease.countDown();
    }
}
