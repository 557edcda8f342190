package com.example.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.echo.EchoService.EchoInput;
import nexusrpc.api.HandlerException;
import nexusrpc.api.OperationException;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.testing.NexusTestHarness;
import org.junit.jupiter.api.Test;

/** Calls the service through the real dispatcher, in memory: no server. */
class EchoServiceTest {
    private final NexusTestHarness harness = NexusTestHarness.of(new EchoServiceImpl("Hello"));
    private final ServiceClient<EchoService> client = harness.client(EchoService.class);

    @Test
    void echoes() throws OperationException {
        assertEquals("hi", client.execute(EchoService::echo, new EchoInput("hi")).message());
    }

    @Test
    void greets() throws OperationException {
        assertEquals("Hello, Nexus!", client.execute(EchoService::hello, "Nexus"));
    }

    @Test
    void rejectsABlankMessage() {
        HandlerException e = assertThrows(HandlerException.class,
                () -> client.execute(EchoService::echo, new EchoInput(" ")));
        assertEquals(HandlerException.ErrorType.BAD_REQUEST, e.type());
    }
}
