package io.baifang.channels;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.baifang.channels.MessageStore.Change;
import io.baifang.channels.MessageStore.Standing;
import io.baifang.channels.StatusBatch.Line;
import io.baifang.channels.StatusBatch.Plan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBatchTests {

    private static final Instant NOW = Instant.parse("2027-01-20T02:00:00Z");

    private static Standing queued(UUID id) {
        return new Standing(id, UUID.randomUUID(), "campaign", MessageDirection.OUTBOUND, DeliveryStatus.QUEUED, null,
                null, EnumSet.of(DeliveryStatus.QUEUED));
    }

    @Test
    void anAcceptedMessageTheProviderAlsoReportedDeliveredGetsBothLinesOneChangeAndStandsDelivered() {
        UUID id = UUID.randomUUID();
        Plan plan = StatusBatch.plan(List.of(
                new Line(id, "SIM1", DeliveryStatus.SENT, null, NOW),
                new Line(id, "SIM1", DeliveryStatus.DELIVERED, null, NOW)), Map.of(id, queued(id)), NOW);

        assertThat(plan.history()).extracting(MessageStore.HistoryLine::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
        assertThat(plan.changes()).containsExactly(new Change(id, "SIM1", DeliveryStatus.DELIVERED, null));
        assertThat(plan.after().get(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(plan.after().get(id).moved()).isTrue();
    }

    @Test
    void aStatusTheHistoryHasIsNotWrittenAgainAndALateOneNeverMovesAMessageBack() {
        UUID id = UUID.randomUUID();
        Standing delivered = new Standing(id, UUID.randomUUID(), null, MessageDirection.OUTBOUND,
                DeliveryStatus.DELIVERED, null, "SIM2", EnumSet.of(DeliveryStatus.QUEUED, DeliveryStatus.DELIVERED));
        Plan plan = StatusBatch.plan(List.of(
                new Line(id, "SIM2", DeliveryStatus.DELIVERED, null, NOW),
                new Line(id, "SIM2", DeliveryStatus.SENT, null, NOW)), Map.of(id, delivered), NOW);

        assertThat(plan.history()).extracting(MessageStore.HistoryLine::status).containsExactly(DeliveryStatus.SENT);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.after().get(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(plan.after().get(id).moved()).isFalse();
    }

    @Test
    void aProviderIdIsLearntOnlyByAMessageThatHasNoneAndUnknownOrInboundMessagesAreLeftOut() {
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        UUID inbound = UUID.randomUUID();
        Standing sentWithId = new Standing(known, UUID.randomUUID(), null, MessageDirection.OUTBOUND,
                DeliveryStatus.SENT, null, "SM1", EnumSet.of(DeliveryStatus.QUEUED, DeliveryStatus.SENT));
        Standing reply = new Standing(inbound, UUID.randomUUID(), null, MessageDirection.INBOUND,
                DeliveryStatus.RECEIVED, null, "SM9", EnumSet.of(DeliveryStatus.RECEIVED));
        Plan plan = StatusBatch.plan(List.of(
                new Line(known, "SM-other", DeliveryStatus.FAILED, "30003", NOW),
                new Line(unknown, "SM2", DeliveryStatus.DELIVERED, null, NOW),
                new Line(inbound, "SM9", DeliveryStatus.DELIVERED, null, NOW)),
                Map.of(known, sentWithId, inbound, reply), NOW);

        assertThat(plan.changes()).containsExactly(new Change(known, null, DeliveryStatus.FAILED, "30003"));
        assertThat(plan.after()).containsOnlyKeys(known);
        assertThat(plan.after().get(known).errorCode()).isEqualTo("30003");
    }
}
