package temporal.nexus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.Link;
import io.temporal.api.enums.v1.EventType;
import io.temporal.internal.common.LinkConverter;
import io.temporal.internal.nexus.OperationTokenUtil;
import java.util.List;
import org.junit.jupiter.api.Test;
import temporal.nexus.internal.OperationToken;
import temporal.nexus.internal.TemporalLinks;

/** Links and update tokens agree with what Temporal's own Java SDK writes and reads. */
class LinkCompatibilityTest {
    private static Link.WorkflowEvent.Builder event() {
        return Link.WorkflowEvent.newBuilder().setNamespace("ns").setWorkflowId("caller wf/1").setRunId("run-1");
    }

    /** What our kinds attach to a workflow for a link a caller sent in Temporal's URL form. */
    private static List<Link> attached(Link.WorkflowEvent sent) {
        return TemporalLinks.toTemporal(List.of(TemporalLinks.fromWire(LinkConverter.workflowEventToNexusLink(sent))));
    }

    @Test
    void eventReferencesSurviveTheRoundTrip() {
        Link.WorkflowEvent sent = event().setEventRef(Link.WorkflowEvent.EventReference.newBuilder().setEventId(5)
                .setEventType(EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED)).build();
        assertEquals(List.of(Link.newBuilder().setWorkflowEvent(sent).build()), attached(sent));
    }

    @Test
    void requestIdReferencesSurviveTheRoundTrip() {
        Link.WorkflowEvent sent = event().setRequestIdRef(Link.WorkflowEvent.RequestIdReference.newBuilder()
                .setRequestId("req-1").setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_OPTIONS_UPDATED)).build();
        assertEquals(List.of(Link.newBuilder().setWorkflowEvent(sent).build()), attached(sent));
    }

    @Test
    void theStartedLinkWeReturnIsReadByTemporal() {
        Link read = LinkConverter.nexusLinkToWorkflowEvent(
                TemporalLinks.toWire(TemporalLinks.workflowStarted("ns", "hello wf/1", "run-1")));
        assertEquals(event().setWorkflowId("hello wf/1").setEventRef(Link.WorkflowEvent.EventReference.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)).build(), read.getWorkflowEvent());
    }

    @Test
    void updateTokensAreReadByTemporalAndTheOtherWayRound() throws Exception {
        String ours = OperationToken.workflowUpdate("ns", "wf", "upd-1").encode();
        assertEquals("upd-1", OperationTokenUtil.loadWorkflowUpdateOperationToken(ours).getUpdateId());
        String theirs = OperationTokenUtil.generateWorkflowUpdateOperationToken("ns", "wf-2", "run-2", "upd-2");
        OperationToken read = OperationToken.decode(theirs, OperationToken.Type.WORKFLOW_UPDATE, "ns");
        assertTrue(read.workflowId().equals("wf-2") && read.updateId().equals("upd-2"), read.toString());
    }
}
