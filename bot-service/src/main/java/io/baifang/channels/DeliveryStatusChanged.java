package io.baifang.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * A message we sent moved forward to {@code status} (published after the change committed). A late report
 * that would move it backwards (a {@code SENT} after {@code DELIVERED}) is kept in the history but announces
 * nothing.
 *
 * @param campaignId       the campaign the message belongs to, or {@code null} for a staff message
 * @param errorCode        the provider's error code, if any
 * @param answeredToSender the status came in the provider's answer to a campaign batch's own send, which the
 *                         batch received as its result and records itself; a listener that keeps campaign
 *                         recipients in step with reports can leave it alone
 */
public record DeliveryStatusChanged(UUID messageId, UUID customerId, String campaignId, DeliveryStatus status,
                                    String errorCode, Instant at, boolean answeredToSender) {

    /** A status a provider reported (or a single send's answer): every listener follows it. */
    public DeliveryStatusChanged(UUID messageId, UUID customerId, String campaignId, DeliveryStatus status,
                                 String errorCode, Instant at) {
        this(messageId, customerId, campaignId, status, errorCode, at, false);
    }
}
