package io.baifang.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * One campaign as stored: its definition and where it stands.
 *
 * @param wave    the wave being sent (1 for the first)
 * @param startAt when a scheduled campaign begins
 */
record Campaign(
        UUID id,
        CampaignDefinition definition,
        CampaignStatus status,
        int wave,
        Instant startAt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt) {

    /** The id the contact log and the messages know the campaign by. */
    String key() {
        return id.toString();
    }
}
