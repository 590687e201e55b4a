package io.baifang.channels.twilio;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.baifang.channels.DeliveryStatus;

import static java.util.Map.entry;

/** Twilio's message statuses in our words; a status not in the table is not ours to record. */
final class TwilioStatuses {

    private static final Map<String, DeliveryStatus> TABLE = Map.ofEntries(
            entry("queued", DeliveryStatus.QUEUED),
            entry("accepted", DeliveryStatus.QUEUED),
            entry("scheduled", DeliveryStatus.QUEUED),
            entry("sending", DeliveryStatus.QUEUED),
            entry("sent", DeliveryStatus.SENT),
            entry("delivered", DeliveryStatus.DELIVERED),
            entry("read", DeliveryStatus.DELIVERED),
            entry("undelivered", DeliveryStatus.UNDELIVERED),
            entry("failed", DeliveryStatus.FAILED),
            entry("canceled", DeliveryStatus.FAILED),
            entry("received", DeliveryStatus.RECEIVED));

    private TwilioStatuses() {
    }

    static Optional<DeliveryStatus> ours(String twilioStatus) {
        return twilioStatus == null
                ? Optional.empty()
                : Optional.ofNullable(TABLE.get(twilioStatus.strip().toLowerCase(Locale.ROOT)));
    }
}
