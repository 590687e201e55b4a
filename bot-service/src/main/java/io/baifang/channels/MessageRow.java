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

    OutboundMessage toProvider() {
        return new OutboundMessage(id, channel, address, text);
    }

    @Override
    public String toString() {
        // never the text or the address: both are the customer's
        return "MessageRow[" + id + ", " + direction + ", " + channel + ", " + provider + ", " + status + "]";
    }
}
