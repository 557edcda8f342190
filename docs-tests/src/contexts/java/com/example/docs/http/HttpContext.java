package com.example.docs.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nexusrpc.api.Operation;
import nexusrpc.api.OperationException;
import nexusrpc.api.Serializer;
import nexusrpc.api.Service;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.OperationHandle;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.api.client.StartedOperation;
import nexusrpc.api.handler.CompletionCallback;
import nexusrpc.api.handler.OperationContext;
import nexusrpc.api.handler.ServiceImpl;
import nexusrpc.api.handler.StartOptions;
import nexusrpc.api.handler.SyncOperation;
import nexusrpc.handler.NexusHandler;
import nexusrpc.handler.transport.OperationCompletion;
import nexusrpc.handler.transport.RetryPolicy;
import nexusrpc.http.CallbackUrlPolicy;
import nexusrpc.http.ClientTls;
import nexusrpc.http.CompletionReceiver;
import nexusrpc.http.CompletionSender;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;
import nexusrpc.http.ServerTls;

/** What docs/http.md's fragments take as given, and their imports. */
abstract class HttpContext {
    /** The service the examples serve and call. */
    @Service(name = "my-service")
    interface MyNexusService {
        @Operation
        EchoOutput echo(EchoInput input);

        @Operation
        HelloOutput hello(HelloInput input);
    }

    record EchoInput(String message) {}

    record EchoOutput(String message) {}

    record HelloInput(String name) {}

    record HelloOutput(String greeting) {}

    /** The type of the {@code result} a completion carries. */
    record ResultType(String value) {}

    /** Whatever your operations need: a database, say. */
    interface Database {}

    /** Its implementation, taking what it needs in its constructor. */
    @ServiceImpl(MyNexusService.class)
    static final class MyNexusServiceImpl {
        MyNexusServiceImpl(Database db) {}

        @SyncOperation
        public EchoOutput echo(EchoInput input) {
            return new EchoOutput(input.message());
        }

        @SyncOperation
        public HelloOutput hello(HelloInput input) {
            return new HelloOutput("Hello, " + input.name());
        }
    }

    Database db;
    NexusHandler handler;
    Filter authenticationFilter;

    // inside an operation: its context, the token it returned, its result or failure, when it started
    OperationContext ctx;
    StartOptions startOptions;
    Serializer serializer;
    String token;
    ResultType result;
    OperationException operationException;
    Instant startTime;

    /** The caller's futures of its asynchronous operations, by token. */
    Map<String, CompletableFuture<HelloOutput>> pending;

    /** Until the process is told to stop. */
    abstract void awaitShutdownSignal() throws InterruptedException;
}
