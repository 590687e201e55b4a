package io.baifang.campaigns;

/** Where a campaign stands, as {@code GET /api/campaigns/{id}} answers it. */
enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED;

    boolean hasEnded() {
        return this == COMPLETED || this == CANCELLED;
    }
}
