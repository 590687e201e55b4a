package io.baifang.channels.webchat;

import java.time.Duration;
import java.time.Instant;

/**
 * How fast one customer may send: a token bucket of {@code burst} messages, one more every
 * {@code refillEvery}. Plain Java with the time passed in; not thread-safe on its own (callers synchronise).
 */
final class SendAllowance {

    private final int burst;
    private final Duration refillEvery;
    private double available;
    private Instant lastSeen;

    SendAllowance(int burst, Duration refillEvery, Instant now) {
        this.burst = burst;
        this.refillEvery = refillEvery;
        this.available = burst;
        this.lastSeen = now;
    }

    /** The answer to one message. */
    sealed interface Decision {

        record Allowed() implements Decision {
        }

        record Wait(Duration atLeast) implements Decision {
        }
    }

    Decision take(Instant now) {
        refill(now);
        if (available >= 1) {
            available -= 1;
            return new Decision.Allowed();
        }
        long waitNanos = (long) Math.ceil((1 - available) * refillEvery.toNanos());
        return new Decision.Wait(Duration.ofNanos(waitNanos));
    }

    /** Full again: nothing to remember about this customer. */
    boolean isFull(Instant now) {
        refill(now);
        return available >= burst;
    }

    private void refill(Instant now) {
        if (now.isAfter(lastSeen)) {
            double earned = (double) Duration.between(lastSeen, now).toNanos() / refillEvery.toNanos();
            available = Math.min(burst, available + earned);
            lastSeen = now;
        }
    }
}
