package io.baifang.campaigns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecipientAssignmentTests {

    private static final UUID CAMPAIGN = UUID.fromString("01938a6e-0000-7000-8000-000000000001");
    private static final List<Variant> THREE_TO_ONE = List.of(new Variant("visit-invitation", "A", 3),
            new Variant("visit-invitation", "B", 1));

    @Test
    void theSameRecipientAlwaysGetsTheSameAssignment() {
        UUID customer = UUID.randomUUID();
        RecipientAssignment first = RecipientAssignment.of(CAMPAIGN, 1, customer, 10, THREE_TO_ONE);
        for (int i = 0; i < 5; i++) {
            assertThat(RecipientAssignment.of(CAMPAIGN, 1, customer, 10, THREE_TO_ONE)).isEqualTo(first);
        }
    }

    @Test
    void variantsAreSplitByWeightAndTheHoldOutGroupIsItsShare() {
        int recipients = 20_000;
        Map<String, Integer> byVariant = new HashMap<>();
        int heldOut = 0;
        for (int i = 0; i < recipients; i++) {
            RecipientAssignment assignment = RecipientAssignment.of(CAMPAIGN, 1, UUID.randomUUID(), 10, THREE_TO_ONE);
            byVariant.merge(assignment.variant().variantId(), 1, Integer::sum);
            heldOut += assignment.heldOut() ? 1 : 0;
        }
        assertThat(byVariant.get("A") / (double) recipients).isCloseTo(0.75, within(0.02));
        assertThat(byVariant.get("B") / (double) recipients).isCloseTo(0.25, within(0.02));
        assertThat(heldOut / (double) recipients).isCloseTo(0.10, within(0.01));
    }

    @Test
    void withoutAHoldOutNobodyIsHeldOut() {
        for (int i = 0; i < 2_000; i++) {
            assertThat(RecipientAssignment.of(CAMPAIGN, 1, UUID.randomUUID(), 0, THREE_TO_ONE).heldOut()).isFalse();
        }
    }

    @Test
    void theMessageIdIsKnownBeforeTheSendAndDiffersPerWaveAndCampaign() {
        UUID customer = UUID.randomUUID();
        UUID wave1 = RecipientAssignment.messageIdOf(CAMPAIGN, 1, customer);
        assertThat(RecipientAssignment.of(CAMPAIGN, 1, customer, 0, THREE_TO_ONE).messageId()).isEqualTo(wave1);
        assertThat(RecipientAssignment.messageIdOf(CAMPAIGN, 2, customer)).isNotEqualTo(wave1);
        assertThat(RecipientAssignment.messageIdOf(UUID.randomUUID(), 1, customer)).isNotEqualTo(wave1);
        assertThat(RecipientAssignment.messageIdOf(CAMPAIGN, 1, UUID.randomUUID())).isNotEqualTo(wave1);
    }

    @Test
    void theHoldOutGroupStaysTheSameInEveryWave() {
        for (int i = 0; i < 500; i++) {
            UUID customer = UUID.randomUUID();
            assertThat(RecipientAssignment.of(CAMPAIGN, 2, customer, 30, THREE_TO_ONE).heldOut())
                    .isEqualTo(RecipientAssignment.of(CAMPAIGN, 1, customer, 30, THREE_TO_ONE).heldOut());
        }
    }
}
