package com.example.echo;

import com.example.echo.EchoService.EchoInput;
import com.example.echo.EchoService.EchoOutput;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.OperationHandler;
import nexusrpc.api.handler.OperationImpl;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.SyncOperation;

/** The implementation: methods match contract methods by Java name. */
@ServiceImpl(EchoService.class)
public final class EchoServiceImpl {
    private final String greeting;

    /** You own the constructor: pass in what the operations need. */
    public EchoServiceImpl(String greeting) {
        this.greeting = greeting;
    }

    /** Fully manual style: a factory, called once at registration, returns the handler of all four verbs. */
    @OperationImpl
    public OperationHandler<EchoInput, EchoOutput> echo() {
        return new EchoOperation();
    }

    /** Shorthand style: the method is the operation's start (the context parameter is optional). */
    @SyncOperation
    public String hello(OperationContext ctx, String name) {
        return greeting + ", " + name + "!";
    }
}
