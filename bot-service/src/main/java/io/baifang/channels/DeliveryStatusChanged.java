package io.baifang.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * A message we sent moved forward to {@code status} (published after the change committed). A late report
 * that would move it backwards (a {@code SENT} after {@code DELIVERED}) is kept in the history but announces
 * nothing.
 *
 * @param campaignId the campaign the message belongs to, or {@code null} for a staff message
 * @param errorCode  the provider's error code, if any
 */
public record DeliveryStatusChanged(UUID messageId, UUID customerId, String campaignId, DeliveryStatus status,
                                    String errorCode, Instant at) {
}
