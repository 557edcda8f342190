package reliability.tests;

import jlink.demo.jobs.BackgroundJob;
import jlink.demo.jobs.Job;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/** Serves {@link Soak}: the jobs are the demo's {@code @BackgroundJob} kind, found on the class path. */
@ServiceImpl(Soak.class)
public final class SoakImpl {
    @SyncOperation
    public String echo(String input) {
        return input;
    }

    // retained for a short time, so that the soak runs through expiry as well as the retention bound
    @BackgroundJob(maxRunning = 10_000, retainSeconds = 2, maxRetained = 5_000)
    public Job<String> quick(String input) {
        return control -> "done " + input;
    }

    @BackgroundJob(maxRunning = 10_000, retainSeconds = 2, maxRetained = 5_000)
    public Job<String> hold(String input) {
        return control -> {
            Thread.sleep(120_000); // interrupted by the cancel
            return "never canceled " + input;
        };
    }
}
