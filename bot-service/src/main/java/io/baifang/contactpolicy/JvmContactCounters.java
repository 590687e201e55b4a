package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counters in the JVM, for the embedded default (one instance). Each customer's history is an immutable
 * {@link ContactHistory} replaced in {@link ConcurrentHashMap#compute}, which runs under that key's bin
 * lock: checking and counting are one atomic step per customer while different customers proceed in
 * parallel. A fresh store knows nothing, so, like Redis after a loss, it refuses to decide until it has been
 * rebuilt from the contact log (an empty log is a quick rebuild).
 */
final class JvmContactCounters implements ContactCounters {

    private final ContactRules rules;
    private final Map<UUID, ContactHistory> histories = new ConcurrentHashMap<>();
    private final AtomicBoolean recovered = new AtomicBoolean();

    JvmContactCounters(ContactRules rules) {
        this.rules = rules;
    }

    @Override
    public Mono<ContactDecision> reserve(ContactAttempt attempt, Instant now) {
        return Mono.fromSupplier(() -> count(rules.sendRequest(attempt, now), now, true));
    }

    @Override
    public Flux<ContactDecision> reserveAll(List<ContactAttempt> attempts, Instant now) {
        return Mono.fromSupplier(() -> countAll(attempts, now)).flatMapIterable(decisions -> decisions);
    }

    @Override
    public Mono<ContactDecision> hold(ContactAttempt attempt, Instant plannedAt, Instant now) {
        return Mono.fromSupplier(() -> count(rules.holdRequest(attempt, plannedAt), now, true));
    }

    @Override
    public Flux<ContactDecision> holdAll(List<ContactAttempt> attempts, Instant plannedAt, Instant now) {
        return Mono.fromSupplier(() -> {
            List<ContactDecision> decisions = new ArrayList<>(attempts.size());
            for (ContactAttempt attempt : attempts) {
                decisions.add(count(rules.holdRequest(attempt, plannedAt), now, true));
            }
            return decisions;
        }).flatMapIterable(decisions -> decisions);
    }

    @Override
    public Mono<ContactDecision> check(ContactAttempt attempt, Instant now) {
        return Mono.fromSupplier(() -> count(rules.sendRequest(attempt, now), now, false));
    }

    @Override
    public Mono<Map<UUID, ContactHistory>> historiesFor(List<CounterRequest> requests) {
        return Mono.fromSupplier(() -> {
            if (!recovered.get()) {
                return Map.of();
            }
            Map<UUID, ContactHistory> found = new HashMap<>();
            requests.forEach(request -> found.put(request.customerId(),
                    histories.getOrDefault(request.customerId(), ContactHistory.empty())));
            return found;
        });
    }

    @Override
    public Mono<Void> release(Reservation reservation, Instant now) {
        return Mono.fromRunnable(() -> histories.computeIfPresent(reservation.customerId(),
                (id, history) -> orNothing(rules.trim(ContactRules.release(history, reservation), now))));
    }

    @Override
    public Mono<Void> releaseAll(List<Reservation> reservations, Instant now) {
        return Flux.fromIterable(reservations).concatMap(reservation -> release(reservation, now)).then();
    }

    @Override
    public Mono<Integer> forgetWaveContacts(List<UUID> customerIds, String waveKey, Instant now) {
        return Mono.fromSupplier(() -> {
            int[] removed = new int[1];
            for (UUID customerId : customerIds) {
                histories.computeIfPresent(customerId, (id, history) -> {
                    ContactHistory without = ContactRules.withoutWaveContacts(history, waveKey);
                    removed[0] += history.counted().size() - without.counted().size();
                    return orNothing(rules.trim(without, now));
                });
            }
            return removed[0];
        });
    }

    @Override
    public Mono<Void> rebuild(UUID customerId, List<PastContact> contacts, Instant now) {
        return Mono.fromRunnable(() -> histories.compute(customerId,
                (id, ignored) -> orNothing(rules.historyOf(contacts, now))));
    }

    @Override
    public Mono<Boolean> needsRecovery() {
        return Mono.fromSupplier(() -> !recovered.get());
    }

    @Override
    public Mono<Void> markRecovered(Instant now) {
        return Mono.fromRunnable(() -> recovered.set(true));
    }

    /** One instance owns this store, and {@link CounterRecovery} already runs one rebuild at a time in it. */
    @Override
    public <T> Mono<T> exclusively(Mono<T> rebuild) {
        return rebuild;
    }

    /**
     * Forgets every counter, as a restart does: decisions pause until recovery rebuilds them from the log.
     * For tests of that recovery, and for an operator's "rebuild the counters" action.
     */
    void forget() {
        recovered.set(false);
        histories.clear();
    }

    private List<ContactDecision> countAll(List<ContactAttempt> attempts, Instant now) {
        List<ContactDecision> decisions = new ArrayList<>(attempts.size());
        for (ContactAttempt attempt : attempts) {
            decisions.add(count(rules.sendRequest(attempt, now), now, true));
        }
        return decisions;
    }

    private ContactDecision count(CounterRequest request, Instant now, boolean keep) {
        if (!recovered.get()) {
            return new ContactDecision.Paused("the JVM counters have not been rebuilt from the contact log yet");
        }
        if (request.countsNothing()) {
            return ContactDecision.Allowed.uncounted();
        }
        ContactDecision[] decision = new ContactDecision[1];
        histories.compute(request.customerId(), (id, history) -> {
            CounterVerdict verdict = rules.evaluate(request, history == null ? ContactHistory.empty() : history, now);
            decision[0] = keep || !verdict.isAllowed() ? verdict.decision() : ContactDecision.Allowed.uncounted();
            return keep && verdict.isAllowed() ? verdict.updated() : history;
        });
        return decision[0];
    }

    /** An empty history is dropped so customers who stop being contacted do not stay in memory. */
    private static ContactHistory orNothing(ContactHistory history) {
        return history.isEmpty() ? null : history;
    }
}
