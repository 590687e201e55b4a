package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.UUID;

/**
 * What the counters must check and count for one attempt: a marketing contact (or hold) counted at
 * {@code at}, and/or a provider submission under {@code routeKey}.
 *
 * @param at            when the contact counts: now for a send, the planned time for a hold
 * @param providerLimit the provider limit that applies, or {@code null}
 */
record CounterRequest(
        UUID customerId,
        Instant at,
        int weight,
        String waveKey,
        int priority,
        boolean hold,
        boolean marketing,
        String routeKey,
        ProviderLimit providerLimit) {

    /** The marketing contact this request counts, or {@code null} when it only counts a submission. */
    CountedContact counted() {
        return marketing ? new CountedContact(at, weight, waveKey, priority, hold) : null;
    }

    /** Holds count no submission: the provider sees the message only when it is sent. */
    boolean countsSubmission() {
        return providerLimit != null && !hold;
    }

    boolean countsNothing() {
        return !marketing && !countsSubmission();
    }
}
