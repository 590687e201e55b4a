package io.baifang.channels;

import java.time.Duration;

/** What a provider said to one send, in our words. Failures are classified once, here at the edge. */
public sealed interface SendOutcome {

    /**
     * Taken by the provider, under its own id.
     *
     * @param reached {@code SENT}, or {@code DELIVERED} when the provider's answer already says the message
     *                arrived (the simulated network is instant)
     */
    record Accepted(String providerId, DeliveryStatus reached) implements SendOutcome {

        public Accepted {
            if (reached != DeliveryStatus.SENT && reached != DeliveryStatus.DELIVERED) {
                throw new IllegalArgumentException("an accepted message is SENT or DELIVERED, not " + reached);
            }
        }

        public Accepted(String providerId) {
            this(providerId, DeliveryStatus.SENT);
        }
    }

    /** A transient failure (throttled, server error, timeout): the same send may be tried again later. */
    record RetryLater(String reason, Duration after) implements SendOutcome {
    }

    /** A permanent failure: never retried. */
    record Rejected(RejectionReason reason, String providerCode, String detail) implements SendOutcome {
    }
}
