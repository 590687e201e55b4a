package io.baifang.channels;

/** Where a message stands; the history of a message is a sequence of these. */
public enum DeliveryStatus {
    QUEUED, SENT, DELIVERED, UNDELIVERED, FAILED, RECEIVED
}
