package io.baifang.customers;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer's opt-out was lifted; published after the change is committed. */
public record CustomerOptedIn(UUID customerId, String via, OffsetDateTime at) {
}
