package io.baifang.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's message was stored; published after the store committed, and again by the sweeper if the
 * first announcement may have been lost, so listeners must be idempotent by {@code messageId}.
 *
 * @param customerId the customer matched by the sender's phone, or {@code null} for an unknown sender
 */
public record MessageReceived(UUID messageId, UUID customerId, ChannelKind channel, String text, Instant receivedAt) {

    @Override
    public String toString() {
        // never the text: it is the customer's
        return "MessageReceived[" + messageId + ", customer " + customerId + ", " + channel + "]";
    }
}
