package jlink.demo.contract;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** Background jobs: asynchronous operations served by the demo's own {@code @BackgroundJob} kind. */
@Service(name = "jobs")
public interface JobsService {
    /** Sleeps in the background, then succeeds, or fails with the given reason. */
    @Operation
    SleepResult sleep(SleepInput input);
}
