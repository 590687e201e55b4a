package io.baifang.contactpolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.baifang.contactpolicy.ContactRules.Plan;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The contact policy, as every send path asks it: one message, a bulk batch, a staff call or visit.
 * Opt-out, consent and quiet hours are decided in plain Java; caps, campaign waves and provider limits
 * by the {@link ContactCounters}, which count an allowed attempt in the same atomic step.
 *
 * <p>Fails closed for marketing: when the counters cannot decide, a marketing attempt gets
 * {@link ContactDecision.Paused} and the caller pauses marketing. Transactional messages never wait on the
 * counters: those without a provider limit do not touch them, and those with one go even when the counters
 * are down (the provider remains the last guard of its own limit).
 */
final class ContactPolicy {

    private final ContactRules rules;
    private final ContactCounters counters;
    private final Clock clock;

    public ContactPolicy(ContactRules rules, ContactCounters counters, Clock clock) {
        this.rules = rules;
        this.counters = counters;
        this.clock = clock;
    }

    public ContactPolicySettings settings() {
        return rules.settings();
    }

    ContactRules rules() {
        return rules;
    }

    /** Decides one attempt now and, when it is allowed, counts it. */
    public Mono<ContactDecision> decide(ContactAttempt attempt) {
        Instant now = clock.instant();
        return decidePlanned(attempt, rules.plan(attempt, now), now);
    }

    /** Decides a batch in one round trip to the counters; decisions in the attempts' order. */
    public Flux<ContactDecision> decideAll(List<ContactAttempt> attempts) {
        Instant now = clock.instant();
        List<Plan> plans = attempts.stream().map(attempt -> rules.plan(attempt, now)).toList();
        List<ContactAttempt> toCount = countedAttempts(attempts, plans);
        Mono<List<ContactDecision>> counted = counters.reserveAll(toCount, now)
                .index((index, decision) -> unlessTransactionalPaused(toCount.get(index.intValue()), decision))
                .collectList()
                .onErrorResume(CountersUnavailableException.class, unavailable -> Mono.just(whenUnavailable(toCount, unavailable)));
        return counted.flatMapMany(decisions -> inAttemptOrder(attempts, plans, decisions, now));
    }

    /**
     * Holds the customer's slot for a campaign wave's send planned at {@code plannedAt}. A higher-priority
     * campaign displaces a lower-priority hold; the wave's own send later uses the hold. Release the
     * returned reservation if the wave is cancelled.
     */
    public Mono<ContactDecision> holdAhead(ContactAttempt attempt, Instant plannedAt) {
        Instant now = clock.instant();
        Plan plan = rules.planHold(attempt, plannedAt);
        if (plan instanceof Plan.Decided decided) {
            return Mono.just(decided.decision());
        }
        return counters.hold(attempt, plannedAt, now)
                .onErrorResume(CountersUnavailableException.class, unavailable -> Mono.just(paused(unavailable)));
    }

    /** Uncounts an allowed attempt the provider rejected, so the slot is free again. */
    public Mono<Void> release(Reservation reservation) {
        if (reservation == null) {
            return Mono.empty();
        }
        return counters.release(reservation, clock.instant());
    }

    private Mono<ContactDecision> decidePlanned(ContactAttempt attempt, Plan plan, Instant now) {
        if (plan instanceof Plan.Decided decided) {
            return Mono.just(decided.decision());
        }
        if (plan instanceof Plan.Count count) {
            return counters.reserve(attempt, now)
                    .map(decision -> unlessTransactionalPaused(attempt, decision))
                    .onErrorResume(CountersUnavailableException.class,
                            unavailable -> Mono.just(whenUnavailable(count.request(), unavailable)));
        }
        Plan.CheckThenDefer quiet = (Plan.CheckThenDefer) plan;
        return counters.check(attempt, now)
                .map(decision -> decision instanceof ContactDecision.Refused ? decision : quiet.deferred())
                // deferring sends nothing, so it is safe while the counters are down; it is decided again when due
                .onErrorResume(CountersUnavailableException.class, unavailable -> Mono.just(quiet.deferred()));
    }

    /** Transactional messages never wait on the counters; the provider remains the last guard of its limit. */
    private static ContactDecision unlessTransactionalPaused(ContactAttempt attempt, ContactDecision decision) {
        boolean paused = decision instanceof ContactDecision.Paused;
        return paused && !attempt.category().isMarketing() ? ContactDecision.Allowed.uncounted() : decision;
    }

    private static List<ContactAttempt> countedAttempts(List<ContactAttempt> attempts, List<Plan> plans) {
        List<ContactAttempt> counted = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            if (plans.get(i) instanceof Plan.Count) {
                counted.add(attempts.get(i));
            }
        }
        return counted;
    }

    private Flux<ContactDecision> inAttemptOrder(List<ContactAttempt> attempts, List<Plan> plans,
            List<ContactDecision> counted, Instant now) {
        List<Mono<ContactDecision>> decisions = new ArrayList<>(attempts.size());
        int nextCounted = 0;
        for (int i = 0; i < attempts.size(); i++) {
            Plan plan = plans.get(i);
            if (plan instanceof Plan.Count) {
                decisions.add(Mono.just(counted.get(nextCounted++)));
            } else {
                decisions.add(decidePlanned(attempts.get(i), plan, now));
            }
        }
        return Flux.concat(decisions);
    }

    private List<ContactDecision> whenUnavailable(List<ContactAttempt> attempts, CountersUnavailableException unavailable) {
        Instant now = clock.instant();
        return attempts.stream()
                .map(attempt -> whenUnavailable(rules.sendRequest(attempt, now), unavailable))
                .toList();
    }

    private static ContactDecision whenUnavailable(CounterRequest request, CountersUnavailableException unavailable) {
        return request.marketing() ? paused(unavailable) : ContactDecision.Allowed.uncounted();
    }

    private static ContactDecision paused(CountersUnavailableException unavailable) {
        return new ContactDecision.Paused(unavailable.getMessage());
    }
}
