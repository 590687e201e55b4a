package io.baifang.channels;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of {@code messages}, everything the store keeps, including what the API does not show. */
record MessageRow(
        UUID id,
        UUID customerId,
        MessageDirection direction,
        ChannelKind channel,
        String provider,
        String providerMessageId,
        String address,
        String templateId,
        String variantId,
        String text,
        String encoding,
        Integer segments,
        BigDecimal cost,
        String currency,
        DeliveryStatus status,
        String errorCode,
        UUID contactLogId,
        String campaignId,
        String sentBy,
        int sendAttempts,
        Instant nextAttemptAt,
        Instant announcedAt,
        Instant createdAt,
        Instant updatedAt) {

    StoredMessage withoutHistory() {
        return new StoredMessage(id, customerId, direction, channel, provider, providerMessageId, templateId, variantId,
                text, encoding, segments, cost, currency, status, errorCode, campaignId, sentBy, createdAt, updatedAt,
                List.of());
    }

    /**
     * A queued outbound message the contact policy deferred (quiet hours): it has no contact yet, and is
     * decided again when due. Every other outbound message was allowed before it was stored.
     */
    boolean awaitsDecision() {
        return direction == MessageDirection.OUTBOUND && status == DeliveryStatus.QUEUED && contactLogId == null;
    }

    /** The same message once the policy allowed it, with the contact that allowed it. */
    MessageRow decidedBy(UUID logEntryId) {
        return new MessageRow(id, customerId, direction, channel, provider, providerMessageId, address, templateId,
                variantId, text, encoding, segments, cost, currency, status, null, logEntryId, campaignId, sentBy,
                sendAttempts, nextAttemptAt, announcedAt, createdAt, updatedAt);
    }

    OutboundMessage toProvider() {
        return new OutboundMessage(id, channel, address, text);
    }

    @Override
    public String toString() {
        // never the text or the address: both are the customer's
        return "MessageRow[" + id + ", " + direction + ", " + channel + ", " + provider + ", " + status + "]";
    }
}
