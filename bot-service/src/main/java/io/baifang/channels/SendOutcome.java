package io.baifang.channels;

import java.time.Duration;

/** What a provider said to one send, in our words. Failures are classified once, here at the edge. */
public sealed interface SendOutcome {

    /** Taken by the provider, under its own id. */
    record Accepted(String providerId) implements SendOutcome {
    }

    /** A transient failure (throttled, server error, timeout): the same send may be tried again later. */
    record RetryLater(String reason, Duration after) implements SendOutcome {
    }

    /** A permanent failure: never retried. */
    record Rejected(RejectionReason reason, String providerCode, String detail) implements SendOutcome {
    }
}
