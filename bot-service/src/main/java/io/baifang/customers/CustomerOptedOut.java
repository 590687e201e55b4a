package io.baifang.customers;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer asked to receive no more marketing; published after the change is committed. */
public record CustomerOptedOut(UUID customerId, String via, OffsetDateTime at) {
}
