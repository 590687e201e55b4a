package io.baifang.channels.webchat;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.baifang.channels.MessageDirection;

/**
 * One message as the customer's chat page shows it: {@code OUTBOUND} is the bank's, {@code INBOUND} the
 * customer's, at the time in the branches' zone.
 */
record ChatLine(UUID id, MessageDirection direction, String text, OffsetDateTime at) {

    @Override
    public String toString() {
        // never the text: it is the customer's
        return "ChatLine[" + id + ", " + direction + "]";
    }
}
