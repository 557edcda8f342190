package com.example.echo;

import com.example.echo.EchoService.EchoInput;
import com.example.echo.EchoService.EchoOutput;
import nexusrpc.api.HandlerException;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.StartResult;

/** One operation written by hand: start decides per request whether to answer now or return a token. */
final class EchoOperation implements OperationHandler<EchoInput, EchoOutput> {
    @Override
    public StartResult<EchoOutput> start(OperationContext ctx, StartOptions options, EchoInput input) {
        if (input.message().isBlank()) {
            throw HandlerException.badRequest("message is blank: send some text to echo");
        }
        return StartResult.sync(new EchoOutput(input.message()));
    }

    // fetchInfo, fetchResult and cancel serve asynchronous operations; left out, they answer NOT_IMPLEMENTED
}
