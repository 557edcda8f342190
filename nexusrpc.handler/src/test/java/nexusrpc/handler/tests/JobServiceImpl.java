package nexusrpc.handler.tests;

import java.util.concurrent.atomic.AtomicInteger;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartResult;
import nexusrpc.handler.tests.Payloads.JobRequest;
import nexusrpc.handler.tests.Payloads.JobResult;

/** {@link JobService} in the fully manual style: factories called once, at registration. */
@ServiceImpl(JobService.class)
public final class JobServiceImpl {
    /** How often each factory ran. */
    public final AtomicInteger factoryCalls = new AtomicInteger();

    private final Jobs jobs;

    /** Users own their constructors. */
    public JobServiceImpl(Jobs jobs) {
        this.jobs = jobs;
    }

    /** The job operation. */
    @OperationImpl
    public OperationHandler<JobRequest, JobResult> run() {
        factoryCalls.incrementAndGet();
        return jobs;
    }

    /** A lambda handler: start only. */
    @OperationImpl
    public OperationHandler<String, String> plain() {
        factoryCalls.incrementAndGet();
        return (ctx, options, input) -> StartResult.sync(input.toUpperCase());
    }
}
