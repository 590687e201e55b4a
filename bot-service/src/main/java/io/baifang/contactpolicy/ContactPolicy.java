package io.baifang.contactpolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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

    private static final String NOT_REBUILT =
            "the contact counters are being rebuilt from the contact log; marketing waits until they are";

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
     * What {@link #decideAll} would decide now, counting nothing: the counters are read (one round trip) and
     * the attempts decided in turn in Java, each seeing the ones before it as if they had been counted, so
     * two marketing attempts to one customer in one preview are allowed and then refused. An allowed
     * preview reserves nothing ({@link ContactDecision.Allowed#uncounted()}). While the counters are lost
     * or unreachable, marketing previews {@link ContactDecision.Paused} (in quiet hours: deferred, as a
     * decision would be) and transactional messages are allowed, as {@link #decideAll} answers.
     */
    public Flux<ContactDecision> preview(List<ContactAttempt> attempts) {
        Instant now = clock.instant();
        List<Plan> plans = attempts.stream().map(attempt -> rules.plan(attempt, now)).toList();
        List<CounterRequest> toRead = plans.stream()
                .map(ContactPolicy::counterRequestOf)
                .filter(Objects::nonNull)
                .toList();
        Mono<Map<UUID, ContactHistory>> histories = toRead.isEmpty()
                ? Mono.just(Map.of())
                : counters.historiesFor(toRead);
        return histories
                .map(read -> previewInTurn(plans, read, now, null))
                .onErrorResume(CountersUnavailableException.class,
                        unavailable -> Mono.just(previewInTurn(plans, Map.of(), now, unavailable)))
                .flatMapIterable(decisions -> decisions);
    }

    /**
     * Decides the plans in order on copies of the histories read; an allowed attempt updates its customer's
     * copy, as counting it would. A customer missing from the histories could not be read.
     */
    private List<ContactDecision> previewInTurn(List<Plan> plans, Map<UUID, ContactHistory> read, Instant now,
            CountersUnavailableException unavailable) {
        Map<UUID, ContactHistory> histories = new HashMap<>(read);
        List<ContactDecision> decisions = new ArrayList<>(plans.size());
        for (Plan plan : plans) {
            CounterRequest request = counterRequestOf(plan);
            if (request == null) {
                decisions.add(((Plan.Decided) plan).decision());
                continue;
            }
            ContactHistory history = histories.get(request.customerId());
            if (history == null) {
                decisions.add(unreadable(plan, request, unavailable));
                continue;
            }
            CounterVerdict verdict = rules.evaluate(request, history, now);
            if (plan instanceof Plan.CheckThenDefer quiet) {
                decisions.add(verdict.isAllowed() ? quiet.deferred() : verdict.decision());
            } else if (verdict.isAllowed()) {
                histories.put(request.customerId(), verdict.updated());
                decisions.add(ContactDecision.Allowed.uncounted());
            } else {
                decisions.add(verdict.decision());
            }
        }
        return decisions;
    }

    /** As {@link #decidePlanned} answers when the counters cannot decide: defer in quiet hours, pause marketing. */
    private static ContactDecision unreadable(Plan plan, CounterRequest request,
            CountersUnavailableException unavailable) {
        if (plan instanceof Plan.CheckThenDefer quiet) {
            return quiet.deferred();
        }
        if (!request.marketing()) {
            return ContactDecision.Allowed.uncounted();
        }
        return unavailable != null ? paused(unavailable) : new ContactDecision.Paused(NOT_REBUILT);
    }

    private static CounterRequest counterRequestOf(Plan plan) {
        if (plan instanceof Plan.Count count) {
            return count.request();
        }
        if (plan instanceof Plan.CheckThenDefer quiet) {
            return quiet.request();
        }
        return null;
    }

    /**
     * Holds the customer's slot for a campaign wave's send planned at {@code plannedAt}. A higher-priority
     * campaign displaces a lower-priority hold; the wave's own send later uses the hold. Release the
     * returned reservation if the wave is cancelled.
     */
    public Mono<ContactDecision> holdAhead(ContactAttempt attempt, Instant plannedAt) {
        Instant now = clock.instant();
        if (beyondTheHorizon(plannedAt, now)) {
            return Mono.error(beyondTheHorizon(plannedAt));
        }
        Plan plan = rules.planHold(attempt, plannedAt);
        if (plan instanceof Plan.Decided decided) {
            return Mono.just(decided.decision());
        }
        return counters.hold(attempt, plannedAt, now)
                .onErrorResume(CountersUnavailableException.class, unavailable -> Mono.just(paused(unavailable)));
    }

    /**
     * Like {@link #holdAhead}, for many attempts of one send planned at {@code plannedAt}: one round trip to the
     * counters; decisions in the attempts' order, as if one by one.
     */
    public Flux<ContactDecision> holdAheadAll(List<ContactAttempt> attempts, Instant plannedAt) {
        Instant now = clock.instant();
        if (beyondTheHorizon(plannedAt, now)) {
            return Flux.error(beyondTheHorizon(plannedAt));
        }
        List<Plan> plans = attempts.stream().map(attempt -> rules.planHold(attempt, plannedAt)).toList();
        List<ContactAttempt> toCount = countedAttempts(attempts, plans);
        Mono<List<ContactDecision>> counted = toCount.isEmpty()
                ? Mono.just(List.of())
                : counters.holdAll(toCount, plannedAt, now)
                        .collectList()
                        .onErrorResume(CountersUnavailableException.class, unavailable -> Mono.just(
                                toCount.stream().map(attempt -> paused(unavailable)).toList()));
        return counted.flatMapIterable(decisions -> inAttemptOrder(plans, decisions));
    }

    /** A hold further ahead than the horizon is the caller's mistake: it should wait until the plan comes within it. */
    private boolean beyondTheHorizon(Instant plannedAt, Instant now) {
        return plannedAt.isAfter(now.plus(rules.settings().holdHorizon()));
    }

    private IllegalArgumentException beyondTheHorizon(Instant plannedAt) {
        return new IllegalArgumentException("a hold may be placed at most " + rules.settings().holdHorizon()
                + " ahead of its planned time; " + plannedAt + " is further ahead");
    }

    /** Counted decisions back among the ones decided without the counters, in the attempts' order. */
    private static List<ContactDecision> inAttemptOrder(List<Plan> plans, List<ContactDecision> counted) {
        List<ContactDecision> decisions = new ArrayList<>(plans.size());
        int nextCounted = 0;
        for (Plan plan : plans) {
            decisions.add(plan instanceof Plan.Decided decided ? decided.decision() : counted.get(nextCounted++));
        }
        return decisions;
    }

    /**
     * Releases many holds at once (their wave was cancelled): one round trip to the counters. A hold the counters
     * no longer have (used, displaced, lapsed) is left alone.
     */
    public Mono<Void> releaseAll(List<Reservation> reservations) {
        if (reservations.isEmpty()) {
            return Mono.empty();
        }
        return counters.releaseAll(reservations, clock.instant());
    }

    /** Removes the customers' contacts counted for the wave, whatever their time; how many were removed. */
    public Mono<Integer> forgetWaveContacts(List<UUID> customerIds, CampaignWave wave) {
        if (customerIds.isEmpty()) {
            return Mono.just(0);
        }
        return counters.forgetWaveContacts(customerIds, wave.waveKey(), clock.instant());
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
