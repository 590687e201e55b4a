package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A real store behind a seam, for tests that watch what recovery or the gate asks of it. */
class ContactCountersWatch implements ContactCounters {

    private final ContactCounters store;

    ContactCountersWatch(ContactCounters store) {
        this.store = store;
    }

    @Override
    public Mono<ContactDecision> reserve(ContactAttempt attempt, Instant now) {
        return store.reserve(attempt, now);
    }

    @Override
    public Flux<ContactDecision> reserveAll(List<ContactAttempt> attempts, Instant now) {
        return store.reserveAll(attempts, now);
    }

    @Override
    public Mono<ContactDecision> hold(ContactAttempt attempt, Instant plannedAt, Instant now) {
        return store.hold(attempt, plannedAt, now);
    }

    @Override
    public Flux<ContactDecision> holdAll(List<ContactAttempt> attempts, Instant plannedAt, Instant now) {
        return store.holdAll(attempts, plannedAt, now);
    }

    @Override
    public Mono<Void> releaseAll(List<Reservation> reservations, Instant now) {
        return store.releaseAll(reservations, now);
    }

    @Override
    public Mono<Integer> forgetWaveContacts(List<UUID> customerIds, String waveKey, Instant now) {
        return store.forgetWaveContacts(customerIds, waveKey, now);
    }

    @Override
    public Mono<ContactDecision> check(ContactAttempt attempt, Instant now) {
        return store.check(attempt, now);
    }

    @Override
    public Mono<Void> release(Reservation reservation, Instant now) {
        return store.release(reservation, now);
    }

    @Override
    public Mono<Void> rebuild(UUID customerId, List<PastContact> contacts, Instant now) {
        return store.rebuild(customerId, contacts, now);
    }

    @Override
    public Mono<Boolean> needsRecovery() {
        return store.needsRecovery();
    }

    @Override
    public Mono<Void> markRecovered(Instant now) {
        return store.markRecovered(now);
    }

    @Override
    public <T> Mono<T> exclusively(Mono<T> rebuild) {
        return store.exclusively(rebuild);
    }

    @Override
    public Mono<Map<UUID, ContactHistory>> historiesFor(List<CounterRequest> requests) {
        return store.historiesFor(requests);
    }
}
