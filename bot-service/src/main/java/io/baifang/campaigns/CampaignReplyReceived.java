package io.baifang.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's reply was attributed to the campaign message it answers: the last campaign message the customer
 * got within {@code baifang.campaigns.reply-window} before it. Published once per recipient (the first reply),
 * after the attribution is stored.
 *
 * @param campaignId the campaign, as the messages and the contact log know it
 * @param replyId    the inbound message
 */
public record CampaignReplyReceived(String campaignId, int wave, UUID customerId, UUID replyId, Instant receivedAt) {
}
