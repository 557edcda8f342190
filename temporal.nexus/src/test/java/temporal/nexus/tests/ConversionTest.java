package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.nexus.OperationTokenUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import nexusrpc.api.Content;
import nexusrpc.api.HandlerException;
import nexusrpc.api.SerializationException;
import org.junit.jupiter.api.Test;
import temporal.nexus.DataConverterSerializer;
import temporal.nexus.internal.OperationToken;
import temporal.nexus.internal.PayloadContent;

/** Tokens, durations and payload conversion, without a server. */
class ConversionTest {
    @Test
    void workflowRunTokensAreReadByTemporalsOwnSdkAndTheOtherWayRound() throws Exception {
        String ours = OperationToken.workflowRun("ns-1", "wf/1 \"quoted\"").encode();
        assertFalse(ours.contains("=") || ours.contains("+") || ours.contains("/"), "base64url without padding");
        assertEquals("wf/1 \"quoted\"", OperationTokenUtil.loadWorkflowIdFromOperationToken(ours));
        String theirs = OperationTokenUtil.generateWorkflowRunOperationToken("wf-2", "ns-1");
        assertEquals("wf-2", OperationToken.decode(theirs, OperationToken.Type.WORKFLOW_RUN, "ns-1").workflowId());
    }

    @Test
    void updateTokensCarryTheUpdateId() {
        String token = OperationToken.workflowUpdate("ns", "wf", "upd-1").encode();
        String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"t\":3") && json.contains("\"uid\":\"upd-1\""), json);
        assertEquals("upd-1", OperationToken.decode(token, OperationToken.Type.WORKFLOW_UPDATE, "ns").updateId());
    }

    @Test
    void badTokensAreBadRequestsSayingWhatIsWrong() {
        String run = OperationToken.workflowRun("ns", "wf").encode();
        List<String[]> cases = List.of(
                new String[] {"%%%", "malformed"},
                new String[] {Base64.getUrlEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)), "object"},
                new String[] {run, "type 1"});
        for (String[] c : cases) {
            HandlerException e = assertThrows(HandlerException.class,
                    () -> OperationToken.decode(c[0], OperationToken.Type.WORKFLOW_UPDATE, "ns"));
            assertEquals(HandlerException.ErrorType.BAD_REQUEST, e.type());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        HandlerException otherNs = assertThrows(HandlerException.class,
                () -> OperationToken.decode(run, OperationToken.Type.WORKFLOW_RUN, "elsewhere"));
        assertTrue(otherNs.getMessage().contains("namespace \"ns\""), otherNs.getMessage());
    }

    @Test
    void jsonPayloadsBecomeJsonContentWithTheSameBytes() {
        Payload json = DefaultDataConverter.STANDARD_INSTANCE.toPayload(new Greeting.Person("ann", 3)).orElseThrow();
        Content c = PayloadContent.toContent(json);
        assertEquals("application/json", c.type());
        assertArrayEquals(json.getData().toByteArray(), c.data());
        assertEquals(json, PayloadContent.toPayload(c));
    }

    @Test
    void outsideAWorkerTaskNoPayloadIsKeptForLater() {
        // conversion keeps no state anywhere (no thread holds on to the last payload it converted): back is rebuilt
        Payload p = DefaultDataConverter.STANDARD_INSTANCE.toPayload("some large result").orElseThrow();
        Content c = PayloadContent.toContent(p);
        Payload back = PayloadContent.toPayload(c);
        assertEquals(p, back);
        org.junit.jupiter.api.Assertions.assertNotSame(p, back, "rebuilt: nothing was remembered");
    }

    @Test
    void otherPayloadsTravelWholeAndComeBackUnchanged() {
        Payload encrypted = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/encrypted"))
                .putMetadata("encryption-key-id", ByteString.copyFromUtf8("k1"))
                .setData(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
        Content c = PayloadContent.toContent(encrypted);
        assertEquals(PayloadContent.TEMPORAL_PAYLOAD, c.type());
        assertEquals(encrypted, PayloadContent.toPayload(c));
        Payload nullPayload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(null).orElseThrow();
        assertTrue(PayloadContent.toContent(nullPayload).isEmpty());
    }

    @Test
    void contentOfAnUnknownTypeIsRefusedWithAMessage() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> PayloadContent.toPayload(Content.of("text/csv", "a,b".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("text/csv") && e.getMessage().contains("application/json"),
                e.getMessage());
    }

    @Test
    void dataConverterSerializerRoundTripsAndExplainsBadInputWithoutJavaNames() {
        DataConverterSerializer s = DataConverterSerializer.of(DefaultDataConverter.STANDARD_INSTANCE);
        Greeting.Person p = new Greeting.Person("bo", 7);
        assertEquals(p, s.deserialize(s.serialize(p, Greeting.Person.class), Greeting.Person.class));
        // plain JSON from a non-Temporal caller is read too
        assertEquals(p, s.deserialize(Content.of("application/json",
                "{\"name\":\"bo\",\"age\":7}".getBytes(StandardCharsets.UTF_8)), Greeting.Person.class));
        SerializationException e = assertThrows(SerializationException.class, () -> s.deserialize(
                Content.of("application/json", "{\"age\":\"old\"".getBytes(StandardCharsets.UTF_8)),
                Greeting.Person.class));
        assertTrue(e.getMessage().startsWith("the json/plain payload does not fit the declared type"),
                e.getMessage());
        assertFalse(e.getMessage().contains("temporal.nexus") || e.getMessage().contains("java."), e.getMessage());
    }
}
