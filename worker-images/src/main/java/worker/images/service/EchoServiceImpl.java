package worker.images.service;

import nexusrpc.api.HandlerException;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;

/** The implementation of {@link EchoService} the worker images serve. */
@ServiceImpl(EchoService.class)
public final class EchoServiceImpl {
    /** The service; it holds no state. */
    public EchoServiceImpl() {}

    /**
     * The handler both workers serve: this service alone.
     *
     * @return a handler of {@code echo}
     */
    public static NexusHandler handler() {
        return NexusHandler.builder().service(new EchoServiceImpl()).build();
    }

    /**
     * Echoes the text.
     *
     * @param input the message
     * @return the same text
     */
    @SyncOperation
    public EchoService.Message echo(EchoService.Message input) {
        if (input == null || input.text() == null) {
            throw HandlerException.badRequest("\"text\" is missing: send {\"text\": \"hi\"}");
        }
        return new EchoService.Message(input.text());
    }
}
