package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-customer counters behind the caps, the campaign-wave cap and the provider limits: in the JVM (the
 * embedded default) or in Redis (production). Each store checks every counter rule for a customer and
 * counts the attempt in one atomic step, so concurrent senders can never both take a customer's last slot.
 *
 * <p>The decisions returned are {@link ContactDecision.Allowed} (with what was counted),
 * {@link ContactDecision.Refused}, or {@link ContactDecision.Paused} while the counters are lost and not
 * yet rebuilt by {@link CounterRecovery} (a decision, not an error, so that one lost customer does not hide
 * the decisions already counted in the same batch). Opt-out, consent and quiet hours are decided before the
 * counters, by {@link ContactPolicy}. A store that cannot be reached signals
 * {@link CountersUnavailableException}.
 */
interface ContactCounters {

    /** Checks every counter rule for the attempt at {@code now} and, when all allow it, counts it. */
    Mono<ContactDecision> reserve(ContactAttempt attempt, Instant now);

    /** Like {@link #reserve}, for many attempts in one round trip; decisions in the attempts' order, as if one by one. */
    Flux<ContactDecision> reserveAll(List<ContactAttempt> attempts, Instant now);

    /** Holds the slot for a campaign wave's send planned at {@code plannedAt}; see {@link ContactRules} for the semantics. */
    Mono<ContactDecision> hold(ContactAttempt attempt, Instant plannedAt, Instant now);

    /** Like {@link #hold}, for many attempts of one send in one round trip; decisions in the attempts' order, as if one by one. */
    Flux<ContactDecision> holdAll(List<ContactAttempt> attempts, Instant plannedAt, Instant now);

    /** What {@link #reserve} would decide, counting nothing. */
    Mono<ContactDecision> check(ContactAttempt attempt, Instant now);

    /**
     * What the counters hold now for the customers (and provider routes) these requests name, counting and
     * changing nothing: for a dry run decided in Java by {@link ContactRules}. A customer whose counters are
     * lost and not yet rebuilt is absent from the answer. One round trip for the whole list.
     */
    Mono<Map<UUID, ContactHistory>> historiesFor(List<CounterRequest> requests);

    /** Uncounts what an allowed attempt counted (the provider rejected the message, or a hold is cancelled). */
    Mono<Void> release(Reservation reservation, Instant now);

    /** Like {@link #release}, for many reservations in one round trip. */
    Mono<Void> releaseAll(List<Reservation> reservations, Instant now);

    /**
     * Removes each customer's contact (not hold) counted for the campaign wave {@code waveKey}, whatever its
     * time: for a send whose dispatcher stopped between counting and logging, so no log line names what was
     * counted. Answers how many contacts were removed. Counters lost and not yet rebuilt are left alone (the
     * rebuild reads the log, which never had the contact).
     */
    Mono<Integer> forgetWaveContacts(List<UUID> customerIds, String waveKey, Instant now);

    /** Replaces a customer's counters with what the contact log says. */
    Mono<Void> rebuild(UUID customerId, List<PastContact> contacts, Instant now);

    /** Whether the counters were lost (or never built) and must be rebuilt before marketing resumes. */
    Mono<Boolean> needsRecovery();

    /** Declares the counters rebuilt: decisions resume. */
    Mono<Void> markRecovered(Instant now);

    /**
     * Runs a rebuild while no other instance sharing these counters runs one. The JVM store belongs to one
     * instance and runs it as it is; the Redis store holds a lock in Redis for as long as the rebuild runs,
     * and signals {@link RecoveryRunningElsewhereException} when another instance holds it.
     */
    <T> Mono<T> exclusively(Mono<T> rebuild);
}
