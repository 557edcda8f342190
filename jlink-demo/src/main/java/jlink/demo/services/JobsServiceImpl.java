package jlink.demo.services;

import java.time.Duration;
import jlink.demo.contract.JobsService;
import jlink.demo.contract.SleepInput;
import jlink.demo.contract.SleepResult;
import jlink.demo.jobs.BackgroundJob;
import jlink.demo.jobs.Job;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.handler.ServiceImpl;

/** The jobs service, on the demo's own {@code @BackgroundJob} kind. */
@ServiceImpl(JobsService.class)
public final class JobsServiceImpl {
    /** The longest sleep accepted. */
    static final Duration MAX_SLEEP = Duration.ofHours(1);

    /** Creates the service. */
    public JobsServiceImpl() {}

    /**
     * Checks the input during the start (bad input is a {@code BAD_REQUEST} the caller sees at once), then
     * sleeps in the background and succeeds, or fails with the requested reason.
     */
    @BackgroundJob(maxRunning = 100)
    public Job<SleepResult> sleep(SleepInput input) {
        if (input == null || input.millis() == null) {
            throw HandlerException.badRequest("\"millis\" is missing: send {\"millis\": 1000} or"
                    + " {\"millis\": 1000, \"fail\": \"reason\"}");
        }
        long millis = input.millis();
        if (millis < 0 || millis > MAX_SLEEP.toMillis()) {
            throw HandlerException.badRequest("\"millis\" is " + millis + ": send 0 to " + MAX_SLEEP.toMillis()
                    + " (one hour)");
        }
        String reason = input.fail();
        if (reason != null && reason.isBlank()) {
            throw HandlerException.badRequest("\"fail\" is blank: give the reason the job should fail with,"
                    + " or leave \"fail\" out");
        }
        return control -> {
            Thread.sleep(millis);
            if (reason != null) {
                throw OperationException.failed(reason);
            }
            return new SleepResult(millis);
        };
    }
}
