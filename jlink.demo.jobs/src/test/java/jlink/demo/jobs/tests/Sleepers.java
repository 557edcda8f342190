package jlink.demo.jobs.tests;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicInteger;
import jlink.demo.jobs.BackgroundJob;
import jlink.demo.jobs.Job;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.handler.NexusHandler;

/** {@link Sleeper} implementations with different {@code @BackgroundJob} settings, and handlers serving them. */
final class Sleepers {
    /** The longest sleep accepted. */
    static final long HOUR = 3_600_000;

    private Sleepers() {}

    /** A handler serving {@code impl}, with the kinds found by ServiceLoader (this module's among them). */
    static NexusHandler handler(Object impl) {
        // the test package is not exported: the engine resolves the methods through this module's lookup
        return NexusHandler.builder().service(impl, MethodHandles.lookup()).build();
    }

    /** Checks the input during the start, then sleeps in the background and succeeds or fails as asked. */
    static Job<SleepResult> sleep(SleepInput input) {
        if (input == null || input.millis() == null) {
            throw HandlerException.badRequest("\"millis\" is missing");
        }
        long millis = input.millis();
        if (millis < 0 || millis > HOUR) {
            throw HandlerException.badRequest("\"millis\" is " + millis + ": send 0 to " + HOUR);
        }
        String reason = input.fail();
        if (reason != null && reason.isBlank()) {
            throw HandlerException.badRequest("\"fail\" is blank");
        }
        return control -> {
            Thread.sleep(millis);
            if (reason != null) {
                throw OperationException.failed(reason);
            }
            return new SleepResult(millis);
        };
    }

    /** The default settings; counts the starts its method ran. */
    @ServiceImpl(Sleeper.class)
    static final class Defaults {
        final AtomicInteger startsRun = new AtomicInteger();

        /** Sleeps. */
        @BackgroundJob
        public Job<SleepResult> sleep(SleepInput input) {
            startsRun.incrementAndGet();
            return Sleepers.sleep(input);
        }
    }

    /** One job at a time. */
    @ServiceImpl(Sleeper.class)
    static final class OneAtATime {
        /** Sleeps. */
        @BackgroundJob(maxRunning = 1)
        public Job<SleepResult> sleep(SleepInput input) {
            return Sleepers.sleep(input);
        }
    }

    /** Keeps two finished jobs at most. */
    @ServiceImpl(Sleeper.class)
    static final class KeepsTwo {
        /** Sleeps. */
        @BackgroundJob(maxRetained = 2)
        public Job<SleepResult> sleep(SleepInput input) {
            return Sleepers.sleep(input);
        }
    }

    /** Forgets finished jobs at once. */
    @ServiceImpl(Sleeper.class)
    static final class KeepsNothingFinished {
        /** Sleeps. */
        @BackgroundJob(retainSeconds = 0)
        public Job<SleepResult> sleep(SleepInput input) {
            return Sleepers.sleep(input);
        }
    }

    /** Throws something other than an OperationException from the job. */
    @ServiceImpl(Sleeper.class)
    static final class Crashes {
        /** Crashes. */
        @BackgroundJob
        public Job<SleepResult> sleep(SleepInput input) {
            return control -> {
                throw new IllegalStateException("internal detail 0xdead");
            };
        }
    }
}
