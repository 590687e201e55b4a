package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A contact that happened, as the contact log keeps it: what counter recovery rebuilds the counters from.
 * Only contacts that were allowed and not released belong here.
 */
public record PastContact(
        UUID customerId,
        Instant at,
        Channel channel,
        ContactCategory category,
        CampaignWave campaign,
        String templateId,
        ProviderRoute route) {

    public PastContact {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(category, "category");
    }

    public static PastContact of(ContactAttempt attempt, Instant at) {
        return new PastContact(attempt.customerId(), at, attempt.channel(), attempt.category(), attempt.campaign(),
                attempt.templateId(), attempt.route());
    }
}
