package io.baifang.channels;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message as stored, either direction, with its status history in the order it happened.
 *
 * @param customerId null for an inbound message from an unknown sender
 * @param status     the current status: the furthest the message got, never moved backwards
 * @param history    every status reported, oldest first (a late report is here even if not current)
 */
public record StoredMessage(
        UUID id,
        UUID customerId,
        MessageDirection direction,
        ChannelKind channel,
        String provider,
        String providerMessageId,
        String templateId,
        String variantId,
        String text,
        String encoding,
        Integer segments,
        BigDecimal cost,
        String currency,
        DeliveryStatus status,
        String errorCode,
        String campaignId,
        String sentBy,
        Instant createdAt,
        Instant updatedAt,
        List<StatusChange> history) {

    public StoredMessage {
        history = List.copyOf(history);
    }

    StoredMessage withHistory(List<StatusChange> changes) {
        return new StoredMessage(id, customerId, direction, channel, provider, providerMessageId, templateId,
                variantId, text, encoding, segments, cost, currency, status, errorCode, campaignId, sentBy,
                createdAt, updatedAt, changes);
    }

    @Override
    public String toString() {
        return "StoredMessage[" + id + ", " + direction + ", " + channel + ", " + status + "]";
    }
}
