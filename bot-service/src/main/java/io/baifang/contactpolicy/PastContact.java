package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A contact that happened, or a hold that still stands, as the contact log keeps it: what counter recovery
 * rebuilds the counters from. Only contacts that were allowed and not released, and holds not released,
 * used, displaced or lapsed, belong here.
 *
 * @param at   when it counts: the time of the contact, or the planned time of the wave's send for a hold
 * @param hold whether this is a hold (a scheduled wave reserving the customer's slot), not a contact
 */
public record PastContact(
        UUID customerId,
        Instant at,
        Channel channel,
        ContactCategory category,
        CampaignWave campaign,
        String templateId,
        ProviderRoute route,
        boolean hold) {

    public PastContact {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(category, "category");
    }

    /** A contact that happened (not a hold). */
    public PastContact(UUID customerId, Instant at, Channel channel, ContactCategory category, CampaignWave campaign,
            String templateId, ProviderRoute route) {
        this(customerId, at, channel, category, campaign, templateId, route, false);
    }

    public static PastContact of(ContactAttempt attempt, Instant at) {
        return new PastContact(attempt.customerId(), at, attempt.channel(), attempt.category(), attempt.campaign(),
                attempt.templateId(), attempt.route(), false);
    }

    /** A hold placed for the attempt's wave, its send planned at {@code plannedAt}. */
    public static PastContact heldFor(ContactAttempt attempt, Instant plannedAt) {
        return new PastContact(attempt.customerId(), plannedAt, attempt.channel(), attempt.category(),
                attempt.campaign(), attempt.templateId(), attempt.route(), true);
    }
}
