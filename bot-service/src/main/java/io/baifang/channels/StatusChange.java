package io.baifang.channels;

import java.time.Instant;

/** One step of a message's status history, as the provider reported it (or as we recorded it). */
public record StatusChange(DeliveryStatus status, String errorCode, Instant at) {
}
