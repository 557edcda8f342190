package worker.images.service;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The worker images' sample contract: one synchronous operation, enough to time a first call end to end. */
@Service(name = "echo")
public interface EchoService {
    /**
     * What the caller sends and gets back.
     *
     * @param text the text to echo
     */
    record Message(String text) {}

    /**
     * Returns the text it was given; a missing text is {@code BAD_REQUEST}.
     *
     * @param input the message to echo
     * @return the same text
     */
    @Operation
    Message echo(Message input);
}
