package com.example.echo;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** The contract: shared by callers and handlers. */
@Service(name = "echo-service")
public interface EchoService {
    /** What the caller sends. */
    record EchoInput(String message) {}

    /** What the caller gets back. */
    record EchoOutput(String message) {}

    /** Nexus operation "echo". */
    @Operation
    EchoOutput echo(EchoInput input);

    /** Any Nexus name for any Java method. */
    @Operation(name = "say-hello")
    String hello(String name);
}
