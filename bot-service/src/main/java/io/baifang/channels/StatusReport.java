package io.baifang.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider's report on a message we sent.
 *
 * @param messageId our id when the provider carried it back (status callback URL), else null
 * @param errorCode the provider's error code, if any (e.g. Twilio "30003")
 */
public record StatusReport(String provider, String providerId, UUID messageId, DeliveryStatus status,
                           String errorCode, Instant reportedAt) {
}
