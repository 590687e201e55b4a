package io.baifang.campaigns;

/** What a campaign is for; reports group by it. */
enum CampaignKind {
    HOLIDAY_GREETING, PROMOTION, REVISIT
}
