package jlink.demo.jobs.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The test contract: one operation served by {@code @BackgroundJob} implementations. */
@Service(name = "sleeper")
public interface Sleeper {
    /** Sleeps in the background, then succeeds, or fails with the given reason. */
    @Operation
    SleepResult sleep(SleepInput input);
}
