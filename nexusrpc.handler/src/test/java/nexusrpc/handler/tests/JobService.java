package nexusrpc.handler.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;
import nexusrpc.handler.tests.Payloads.JobRequest;
import nexusrpc.handler.tests.Payloads.JobResult;

/** A contract served in the fully manual style. */
@Service(name = "jobs")
public interface JobService {
    /** Runs a job: at once when quick, else asynchronously. */
    @Operation
    JobResult run(JobRequest request);

    /** A manual operation that implements only start. */
    @Operation
    String plain(String input);
}
