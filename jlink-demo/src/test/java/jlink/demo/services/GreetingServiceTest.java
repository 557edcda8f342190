package jlink.demo.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import jlink.demo.contract.Greeting;
import jlink.demo.contract.GreetingService;
import jlink.demo.contract.HelloInput;
import jlink.demo.contract.WelcomeInput;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.handler.OperationStillRunningException;
import nexusrpc.handler.testing.NexusTestHarness;
import org.junit.jupiter.api.Test;

class GreetingServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final NexusTestHarness harness = NexusTestHarness.of(new GreetingServiceImpl(clock));
    private final ServiceClient<GreetingService> greeting = harness.client(GreetingService.class);

    @Test
    void helloGreetsTheTrimmedName() throws Exception {
        assertEquals("Hello, Ada!", greeting.execute(GreetingService::hello, new HelloInput("  Ada ")).message());
    }

    @Test
    void helloRejectsABlankOrMissingNameAsBadRequest() {
        HandlerException blank = assertThrows(HandlerException.class,
                () -> greeting.execute(GreetingService::hello, new HelloInput("   ")));
        assertEquals(HandlerException.ErrorType.BAD_REQUEST, blank.type());
        assertTrue(blank.getMessage().contains("\"name\""), blank.getMessage());

        HandlerException missing = assertThrows(HandlerException.class, () -> harness.untypedClient()
                .execute("greeting", "hello", Map.of(), Greeting.class, null));
        assertEquals(HandlerException.ErrorType.BAD_REQUEST, missing.type());
    }

    @Test
    void welcomeWithoutDelayAnswersSynchronously() throws Exception {
        StartedOperation<Greeting> started = greeting.start(GreetingService::welcome, new WelcomeInput("Bo", 0));
        assertInstanceOf(StartedOperation.Completed.class, started);
        assertEquals("Welcome, Bo!", ((StartedOperation.Completed<Greeting>) started).value().message());
    }

    @Test
    void welcomeWithDelayIsAsynchronousUntilItIsDue() throws Exception {
        StartedOperation<Greeting> started = greeting.start(GreetingService::welcome, new WelcomeInput("Cy", 60_000));
        assertInstanceOf(StartedOperation.Running.class, started);
        OperationHandle<Greeting> handle = started.handle();

        assertEquals(OperationState.RUNNING, handle.info().state());
        assertThrows(OperationStillRunningException.class, () -> handle.result(Duration.ZERO));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(OperationState.SUCCEEDED, handle.info().state());
        assertEquals("Welcome, Cy!", handle.result(Duration.ZERO).message());
    }

    @Test
    void welcomeTokensCannotBeCanceledAndForeignTokensAreBadRequests() throws Exception {
        OperationHandle<Greeting> handle =
                greeting.start(GreetingService::welcome, new WelcomeInput("Di", 1_000)).handle();
        HandlerException cancel = assertThrows(HandlerException.class, handle::cancel);
        assertEquals(HandlerException.ErrorType.NOT_IMPLEMENTED, cancel.type());

        HandlerException foreign = assertThrows(HandlerException.class,
                () -> greeting.handle(GreetingService::welcome, "not-a-token").info());
        assertEquals(HandlerException.ErrorType.BAD_REQUEST, foreign.type());
    }

    @Test
    void welcomeRejectsADelayOutOfRange() {
        HandlerException e = assertThrows(HandlerException.class,
                () -> greeting.start(GreetingService::welcome, new WelcomeInput("Ed", -5)));
        assertEquals(HandlerException.ErrorType.BAD_REQUEST, e.type());
        assertTrue(e.getMessage().contains("delayMillis"), e.getMessage());
    }

    /** A clock tests move by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
