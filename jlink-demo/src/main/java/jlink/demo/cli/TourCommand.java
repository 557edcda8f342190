package jlink.demo.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import jlink.demo.contract.Greeting;
import jlink.demo.contract.GreetingService;
import jlink.demo.contract.HelloInput;
import jlink.demo.contract.JobsService;
import jlink.demo.contract.SleepInput;
import jlink.demo.contract.SleepResult;
import jlink.demo.contract.WelcomeInput;
import jlink.demo.services.DemoServices;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.OperationState;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.handler.client.NexusClient;
import nexusrpc.http.ReceivedCompletion;

/**
 * {@code nexus-demo tour}: serves the demo in this process and walks a typed client through every kind of
 * outcome, checking each one, so a newcomer sees the whole SDK and the exit status says whether it all worked.
 */
final class TourCommand {
    /** Long enough never to time out on a slow machine; the tour does not measure anything. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long HOUR = 3_600_000;
    private static final ObjectMapper JSON =
            new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Transport transport;
    private final String transportName;
    private final PrintStream out;
    private int step;

    TourCommand(Transport transport, String transportName, PrintStream out) {
        this.transport = transport;
        this.transportName = transportName;
        this.out = out;
    }

    Exit run() throws IOException, InterruptedException, OperationException {
        try (Transport.Server server = transport.serve(DemoServices.handler(),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                CallbackInbox inbox = new CallbackInbox()) {
            out.println("Nexus demo tour: serving services greeting and jobs at " + server.url() + " and calling them"
                    + " " + transportName + " with a typed client.");
            NexusClient client = NexusClient.create(transport.connect(server.url()));
            ServiceClient<GreetingService> greeting = client.client(GreetingService.class);
            ServiceClient<JobsService> jobs = client.client(JobsService.class);

            syncCall(greeting);
            handlerError(greeting);
            manualOperation(greeting);
            asyncWithCallback(jobs, inbox);
            idempotentStart(jobs);
            operationFailure(jobs);
            cancel(jobs);
            out.println();
            out.println("Tour complete: all " + step + " steps behaved as expected.");
            return Exit.OK;
        } catch (TourFailure e) {
            out.println();
            out.println("UNEXPECTED in step " + step + ": " + e.getMessage());
            return Exit.OPERATION_FAILED;
        }
    }

    private void syncCall(ServiceClient<GreetingService> greeting) throws OperationException {
        title("Synchronous operation: greeting/hello, a @SyncOperation method");
        HelloInput in = new HelloInput("Ada");
        Greeting out1 = greeting.execute(GreetingService::hello, in);
        line("hello " + json(in) + "  ->  " + json(out1));
        expect("Hello, Ada!".equals(out1.message()), "hello answered " + json(out1));
    }

    private void handlerError(ServiceClient<GreetingService> greeting) throws OperationException {
        title("Handler error: a blank name is the caller's mistake");
        HelloInput in = new HelloInput("  ");
        try {
            Greeting g = greeting.execute(GreetingService::hello, in);
            throw new TourFailure("a blank name was accepted: " + json(g));
        } catch (HandlerException e) {
            line("hello " + json(in) + "  ->  " + e.type() + (e.isRetryable() ? " (retryable)" : " (not retryable)")
                    + ": " + e.getMessage());
            expect(e.type() == HandlerException.ErrorType.BAD_REQUEST, "expected BAD_REQUEST, got " + e.type());
        }
    }

    private void manualOperation(ServiceClient<GreetingService> greeting) throws OperationException {
        title("Manual operation: greeting/welcome, a hand-written OperationHandler that decides per request");
        StartedOperation<Greeting> now = greeting.start(GreetingService::welcome, new WelcomeInput("Ada", 0));
        expect(now instanceof StartedOperation.Completed, "a welcome without delay did not complete at once");
        line("welcome without delay  ->  completed at once: "
                + ((StartedOperation.Completed<Greeting>) now).value().message());
        StartedOperation<Greeting> later = greeting.start(GreetingService::welcome, new WelcomeInput("Ada", 500));
        expect(later instanceof StartedOperation.Running, "a delayed welcome did not answer with a token");
        OperationHandle<Greeting> handle = later.handle();
        line("welcome with a 500 ms delay  ->  asynchronous, token " + handle.token());
        line("fetchInfo  ->  " + handle.info().state().wireName());
        Greeting g = handle.result(PATIENCE);
        line("fetchResult (waits up to " + CallCommand.human(PATIENCE) + ")  ->  " + g.message());
        expect("Welcome, Ada!".equals(g.message()), "welcome answered " + g.message());
    }

    private void asyncWithCallback(ServiceClient<JobsService> jobs, CallbackInbox inbox)
            throws OperationException, InterruptedException {
        title("Asynchronous operation with a completion callback: jobs/sleep, the demo's own @BackgroundJob kind");
        SleepInput in = new SleepInput(1000L, null);
        OperationHandle<SleepResult> handle = jobs.start(JobsService::sleep, in,
                CallOptions.builder().callbackUrl(inbox.url()).build()).handle();
        line("sleep " + json(in) + " with callback " + inbox.url() + "  ->  token " + handle.token());
        line("fetchInfo  ->  " + handle.info().state().wireName());
        ReceivedCompletion c = inbox.next(PATIENCE);
        expect(c != null, "no completion callback arrived within " + CallCommand.human(PATIENCE));
        String body = new String(c.result().data(), StandardCharsets.UTF_8);
        line("callback received: " + c.state().wireName() + " " + body);
        expect(c.succeeded() && handle.token().equals(c.token()),
                "the callback said " + c.state() + " for token " + c.token());
        SleepResult r = handle.result(PATIENCE);
        line("fetchResult  ->  " + json(r) + "; fetchInfo  ->  " + handle.info().state().wireName());
        expect(r.sleptMillis() == 1000, "the job slept " + r.sleptMillis() + " ms");
    }

    private void idempotentStart(ServiceClient<JobsService> jobs) throws OperationException {
        title("Idempotent start: a retried start with the same Nexus-Request-Id");
        CallOptions options = CallOptions.builder().requestId("tour-" + UUID.randomUUID()).build();
        SleepInput in = new SleepInput(HOUR, null);
        OperationHandle<SleepResult> first = jobs.start(JobsService::sleep, in, options).handle();
        OperationHandle<SleepResult> retry = jobs.start(JobsService::sleep, in, options).handle();
        line("two starts with request id " + options.requestId() + "  ->  tokens " + first.token() + " and "
                + retry.token() + (first.token().equals(retry.token()) ? ": one operation" : ": TWO operations"));
        expect(first.token().equals(retry.token()), "the retried start created a second operation");
        first.cancel();
    }

    private void operationFailure(ServiceClient<JobsService> jobs) throws OperationException {
        title("Operation failure: the job fails with a reason");
        SleepInput in = new SleepInput(200L, "disk full");
        OperationHandle<SleepResult> handle = jobs.start(JobsService::sleep, in).handle();
        try {
            SleepResult r = handle.result(PATIENCE);
            throw new TourFailure("the failing job succeeded: " + json(r));
        } catch (OperationException e) {
            line("sleep " + json(in) + "  ->  fetchResult: operation " + e.state().wireName() + ": "
                    + e.getMessage() + "; fetchInfo  ->  " + handle.info().state().wireName());
            expect(e.state() == OperationState.FAILED && "disk full".equals(e.getMessage()),
                    "expected failed with \"disk full\", got " + e.state() + " " + e.getMessage());
        }
    }

    private void cancel(ServiceClient<JobsService> jobs) throws OperationException {
        title("Cancel: an hour-long job, canceled");
        OperationHandle<SleepResult> handle = jobs.start(JobsService::sleep, new SleepInput(HOUR, null)).handle();
        line("sleep {\"millis\":" + HOUR + "}  ->  token " + handle.token() + "; fetchInfo  ->  "
                + handle.info().state().wireName());
        handle.cancel();
        OperationState state = handle.info().state();
        try {
            handle.result(PATIENCE);
            throw new TourFailure("the canceled job returned a result");
        } catch (OperationException e) {
            line("cancel  ->  accepted; fetchInfo  ->  " + state.wireName() + "; fetchResult: operation "
                    + e.state().wireName() + ": " + e.getMessage());
            expect(state == OperationState.CANCELED && e.state() == OperationState.CANCELED,
                    "expected canceled, got " + state + " and " + e.state());
        }
    }

    private void title(String text) {
        step++;
        out.println();
        out.println(step + ". " + text);
    }

    private void line(String text) {
        out.println("   " + text);
    }

    private static void expect(boolean ok, String otherwise) {
        if (!ok) {
            throw new TourFailure(otherwise);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** A step did not behave as the tour promises. */
    private static final class TourFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TourFailure(String message) {
            super(message, null, false, false);
        }
    }
}
