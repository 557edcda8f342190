package nexusrpc.http.testservice;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import nexusrpc.api.handler.CancelOptions;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;

/**
 * A handler that ignores cancellation: start waits the milliseconds its message gives, cancel those its token
 * gives, whatever the deadline, and then answers normally. Each late answer is recorded once it is given.
 */
public final class LateOperation implements OperationHandler<Echo, Echo> {
    /** The verbs that answered, in order, once they answered. */
    public final BlockingQueue<String> answered = new LinkedBlockingQueue<>();

    @Override
    public StartResult<Echo> start(OperationContext ctx, StartOptions options, Echo input) {
        pause(input.message());
        answered.add("start");
        return StartResult.sync(new Echo("late"));
    }

    @Override
    public void cancel(OperationContext ctx, CancelOptions options, String token) {
        pause(token);
        answered.add("cancel");
    }

    /** Sleeps, deaf to the call's cancellation (an interrupt from a pool shutting down ends it early). */
    private static void pause(String millis) {
        try {
            Thread.sleep(Long.parseLong(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
