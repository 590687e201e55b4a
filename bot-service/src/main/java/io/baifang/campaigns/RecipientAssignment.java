package io.baifang.campaigns;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.baifang.shared.WeightedShares;

/**
 * What a recipient gets, decided from the campaign's and the customer's ids alone, so it is the same on every
 * instance, after every restart and in every estimate: whether they are held out (the group that receives
 * nothing, for measuring lift), which variant they get (by weight), and the id their message will have.
 * The message id is derived before the send, so a restart can tell a recipient sent (a message with that id
 * exists) from one not sent.
 */
record RecipientAssignment(boolean heldOut, Variant variant, UUID messageId) {

    static RecipientAssignment of(UUID campaignId, int wave, UUID customerId, int holdOutPercent,
                                  List<Variant> variants) {
        UUID split = nameBased("baifang:campaign-split:" + campaignId + ":" + customerId);
        boolean heldOut = Math.floorMod(split.getMostSignificantBits(), 100) < holdOutPercent;
        Variant variant = WeightedShares.pick(variants, Variant::weight, split.getLeastSignificantBits());
        return new RecipientAssignment(heldOut, variant, messageIdOf(campaignId, wave, customerId));
    }

    static UUID messageIdOf(UUID campaignId, int wave, UUID customerId) {
        return nameBased("baifang:campaign-message:" + campaignId + ":" + wave + ":" + customerId);
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
