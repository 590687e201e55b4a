package io.baifang.templates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** An A/B template gives each recipient one variant by weight, the same one every time. */
class VariantSplitTests {

    private static final MessageTemplate SPLIT_THREE_TO_ONE = new MessageTemplate("invite", "邀约",
            TemplateCategory.MARKETING, List.of(MessageChannel.SMS), List.of(), List.of(
                    new TemplateVariant("A", "明天有活动。", 3, List.of()),
                    new TemplateVariant("B", "明天网点有礼。", 1, List.of())));

    @Test
    void theSameRecipientAlwaysGetsTheSameVariant() {
        String customer = UUID.randomUUID().toString();

        String first = SPLIT_THREE_TO_ONE.variantFor(customer).id();

        for (int i = 0; i < 20; i++) {
            assertThat(SPLIT_THREE_TO_ONE.variantFor(customer).id()).isEqualTo(first);
        }
    }

    @Test
    void aLargeAudienceIsSplitInTheShareOfTheWeights() {
        Map<String, Integer> counts = new HashMap<>();
        int recipients = 40_000;
        for (int i = 0; i < recipients; i++) {
            counts.merge(SPLIT_THREE_TO_ONE.variantFor(UUID.randomUUID().toString()).id(), 1, Integer::sum);
        }

        assertThat(counts.get("A") / (double) recipients).isCloseTo(0.75, within(0.015));
        assertThat(counts.get("B") / (double) recipients).isCloseTo(0.25, within(0.015));
    }

    @Test
    void aTemplateWithOneWordingAlwaysGivesIt() {
        MessageTemplate single = new MessageTemplate("thanks", "感谢", TemplateCategory.TRANSACTIONAL,
                List.of(MessageChannel.SMS), List.of(),
                List.of(new TemplateVariant(TemplateVariant.DEFAULT_ID, "谢谢。", 1, List.of())));

        assertThat(single.variantFor("anyone").id()).isEqualTo(TemplateVariant.DEFAULT_ID);
    }

    @Test
    void twoTemplatesSplitTheSameAudienceIndependently() {
        // the template id is part of the hash, so one customer is not always in group B of every test
        MessageTemplate other = new MessageTemplate("revisit", "回访", TemplateCategory.MARKETING,
                List.of(MessageChannel.SMS), List.of(), SPLIT_THREE_TO_ONE.variants());
        int differ = 0;
        for (int i = 0; i < 1_000; i++) {
            String key = UUID.randomUUID().toString();
            if (!SPLIT_THREE_TO_ONE.variantFor(key).id().equals(other.variantFor(key).id())) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(200);
    }
}
