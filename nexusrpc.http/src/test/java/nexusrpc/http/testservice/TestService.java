package nexusrpc.http.testservice;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The contract served over HTTP in the tests. */
@Service(name = "test-service")
public interface TestService {
    /** Sync echo; special messages trigger failures (see {@link EchoOperation}). */
    @Operation
    Echo echo(Echo input);

    /** Sync, waits until its call is cancelled (or 30 s). */
    @Operation
    Echo slow(Echo input);

    /** Asynchronous in-memory job (see {@link JobOperation}). */
    @Operation
    Echo job(JobInput input);

    /** A name that needs percent-encoding in a path. */
    @Operation(name = "names/with spaces+plus")
    Echo odd(Echo input);

    /** Asynchronous, finished by the test through the completion callback (see {@link CallbackOperation}). */
    @Operation
    Echo callback(Echo input);

    /** Answers every verb late, ignoring cancellation (see {@link LateOperation}). */
    @Operation
    Echo late(Echo input);

    /** No input, no output. */
    @Operation
    void noop();
}
