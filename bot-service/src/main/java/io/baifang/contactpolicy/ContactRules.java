package io.baifang.contactpolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.baifang.contactpolicy.ContactDecision.Allowed;
import io.baifang.contactpolicy.ContactDecision.Deferred;
import io.baifang.contactpolicy.ContactDecision.Reason;
import io.baifang.contactpolicy.ContactDecision.Refused;

/**
 * The contact policy as plain Java: given an attempt, the customer's history and the time, the decision.
 * Both counter stores decide with {@link #evaluate}, so the JVM store, the Redis store's refusals and these
 * specifications cannot drift apart (the Redis Lua script mirrors {@code evaluate}; the contract tests
 * hold it to that).
 *
 * <p>The strictest rule wins: opted out, then no consent, then a refusal nothing can lift (the campaign
 * wave is used), then the refusal that lasts longest (latest {@code nextAllowedAt}), and only then a
 * deferral for quiet hours. A refused marketing contact's {@code nextAllowedAt} is moved out of quiet hours.
 *
 * <p>Reservations ahead: a scheduled wave may hold a customer's slot at its planned time. A hold counts
 * like a contact at that time. When an attempt does not fit, holds of strictly lower priority (other
 * campaigns') that stand in the way are displaced, lowest priority first and, among equals, the latest
 * planned first, until it fits; if even displacing all of them would not make room, nothing is displaced.
 * A send of a wave uses its own hold. Contacts already made are never displaced, so between two
 * immediate sends the first one wins. Contacts outside any campaign (a staff call) have priority 0.
 */
public final class ContactRules {

    static final String OPT_OUT_RULE = "opt-out";
    static final String CONSENT_RULE = "consent";

    private final ContactPolicySettings settings;

    public ContactRules(ContactPolicySettings settings) {
        this.settings = settings;
    }

    public ContactPolicySettings settings() {
        return settings;
    }

    /** Decides one attempt against the customer's history at {@code now}; when allowed, the reservation says what to count. */
    public ContactDecision decide(ContactAttempt attempt, ContactHistory history, Instant now) {
        Plan plan = plan(attempt, now);
        if (plan instanceof Plan.Decided decided) {
            return decided.decision();
        }
        if (plan instanceof Plan.Count count) {
            return evaluate(count.request(), history, now).decision();
        }
        Plan.CheckThenDefer quiet = (Plan.CheckThenDefer) plan;
        ContactDecision counters = evaluate(quiet.request(), history, now).decision();
        return counters instanceof Refused ? counters : quiet.deferred();
    }

    /** What must happen for an attempt: decided already, counted, or (in quiet hours) deferred unless the counters refuse it. */
    sealed interface Plan {

        record Decided(ContactDecision decision) implements Plan {
        }

        record Count(CounterRequest request) implements Plan {
        }

        record CheckThenDefer(CounterRequest request, Deferred deferred) implements Plan {
        }
    }

    Plan plan(ContactAttempt attempt, Instant now) {
        Optional<Refused> refusal = refusalWithoutCounters(attempt);
        if (refusal.isPresent()) {
            return new Plan.Decided(refusal.get());
        }
        if (attempt.category() == ContactCategory.OPT_OUT_CONFIRMATION) {
            return new Plan.Decided(Allowed.uncounted());
        }
        CounterRequest request = sendRequest(attempt, now);
        if (request.countsNothing()) {
            return new Plan.Decided(Allowed.uncounted());
        }
        if (request.marketing()) {
            Optional<Instant> quietUntil = settings.quietHours().endOfQuietHoursAt(now);
            if (quietUntil.isPresent()) {
                Deferred deferred = new Deferred(Reason.QUIET_HOURS_DEFERRED, settings.quietHours().id(), quietUntil.get());
                return new Plan.CheckThenDefer(request, deferred);
            }
        }
        return new Plan.Count(request);
    }

    Plan planHold(ContactAttempt attempt, Instant plannedAt) {
        if (!attempt.category().isMarketing() || attempt.campaign() == null) {
            throw new IllegalArgumentException("only a marketing attempt in a campaign wave can hold a slot: " + attempt);
        }
        Optional<Refused> refusal = refusalWithoutCounters(attempt);
        if (refusal.isPresent()) {
            return new Plan.Decided(refusal.get());
        }
        return new Plan.Count(holdRequest(attempt, plannedAt));
    }

    private Optional<Refused> refusalWithoutCounters(ContactAttempt attempt) {
        if (attempt.optedOut() && attempt.category() != ContactCategory.OPT_OUT_CONFIRMATION) {
            return Optional.of(new Refused(Reason.OPTED_OUT, OPT_OUT_RULE, null));
        }
        if (attempt.category().isMarketing() && !attempt.consent()) {
            return Optional.of(new Refused(Reason.NO_CONSENT, CONSENT_RULE, null));
        }
        return Optional.empty();
    }

    CounterRequest sendRequest(ContactAttempt attempt, Instant now) {
        return request(attempt, now, false);
    }

    CounterRequest holdRequest(ContactAttempt attempt, Instant plannedAt) {
        return request(attempt, plannedAt, true);
    }

    private CounterRequest request(ContactAttempt attempt, Instant at, boolean hold) {
        CampaignWave campaign = attempt.campaign();
        ProviderLimit limit = settings.providerLimitFor(attempt.route()).orElse(null);
        String routeKey = limit == null ? null : ProviderSubmission.routeKey(attempt.route(), attempt.templateId());
        return new CounterRequest(attempt.customerId(), Instant.ofEpochMilli(at.toEpochMilli()),
                settings.weightOf(attempt.channel()),
                campaign == null ? null : campaign.waveKey(),
                campaign == null ? 0 : campaign.priority(),
                hold, attempt.category().isMarketing(), routeKey, limit);
    }

    /** Checks every counter rule for the request; when all allow it, counts it. Refuses naming the strictest rule. */
    CounterVerdict evaluate(CounterRequest request, ContactHistory history, Instant now) {
        ContactHistory live = trim(history, now);
        List<Refused> refusals = new ArrayList<>();
        List<CountedContact> counted = live.counted();
        CountedContact usedHold = null;
        List<CountedContact> displaced = List.of();
        if (request.marketing()) {
            usedHold = holdUsedBy(request, counted);
            counted = without(counted, usedHold);
            if (settings.campaignWave().isReachedBy(counted, request.waveKey())) {
                refusals.add(new Refused(Reason.CAMPAIGN_WAVE_CAP, settings.campaignWave().id(), null));
            }
            List<FrequencyCap> exceeded = exceededCaps(counted, request);
            if (!exceeded.isEmpty() && refusals.isEmpty()) {
                displaced = holdsToDisplace(counted, request);
                if (!displaced.isEmpty()) {
                    counted = without(counted, displaced);
                    exceeded = List.of();
                }
            }
            for (FrequencyCap cap : exceeded) {
                Instant next = cap.nextAllowedAt(counted, request.at(), request.weight());
                refusals.add(new Refused(Reason.FREQUENCY_CAP, cap.id(), outOfQuietHours(next)));
            }
        }
        ProviderLimit limit = request.providerLimit();
        if (request.countsSubmission() && limit.isReachedBy(live.submissions(), request.routeKey(), now)) {
            Instant next = limit.nextAllowedAt(live.submissions(), request.routeKey(), now);
            refusals.add(new Refused(Reason.PROVIDER_LIMIT, limit.id(),
                    request.marketing() ? outOfQuietHours(next) : next));
        }
        if (!refusals.isEmpty()) {
            return CounterVerdict.refused(strictest(refusals));
        }
        return allowed(request, counted, live.submissions(), now, usedHold, displaced);
    }

    private CounterVerdict allowed(CounterRequest request, List<CountedContact> counted,
            List<ProviderSubmission> submissions, Instant now, CountedContact usedHold, List<CountedContact> displaced) {
        CountedContact contact = request.counted();
        ProviderSubmission submission = request.countsSubmission()
                ? new ProviderSubmission(now, request.routeKey())
                : null;
        List<CountedContact> newCounted = new ArrayList<>(counted);
        if (contact != null) {
            newCounted.add(contact);
        }
        List<ProviderSubmission> newSubmissions = new ArrayList<>(submissions);
        if (submission != null) {
            newSubmissions.add(submission);
        }
        Reservation reservation = new Reservation(request.customerId(), contact, submission, usedHold, displaced);
        return new CounterVerdict(new Allowed(reservation), new ContactHistory(newCounted, newSubmissions));
    }

    /** A send of a campaign wave uses the hold its campaign placed for it, rather than counting twice. */
    private static CountedContact holdUsedBy(CounterRequest request, List<CountedContact> counted) {
        if (request.hold() || request.waveKey() == null) {
            return null;
        }
        return counted.stream()
                .filter(contact -> contact.hold() && contact.sameWave(request.waveKey()))
                .findFirst()
                .orElse(null);
    }

    private List<FrequencyCap> exceededCaps(List<CountedContact> counted, CounterRequest request) {
        return settings.caps().stream()
                .filter(cap -> cap.isExceededBy(counted, request.at(), request.weight()))
                .toList();
    }

    /**
     * The lower-priority holds to displace so the request fits, or none if it cannot be made to fit.
     * Only holds inside an exceeded cap's window are candidates, so nothing is displaced needlessly.
     */
    private List<CountedContact> holdsToDisplace(List<CountedContact> counted, CounterRequest request) {
        List<CountedContact> remaining = new ArrayList<>(counted);
        List<CountedContact> displaced = new ArrayList<>();
        List<FrequencyCap> exceeded = exceededCaps(remaining, request);
        while (!exceeded.isEmpty()) {
            Optional<CountedContact> next = displaceable(remaining, request, exceeded);
            if (next.isEmpty()) {
                return List.of();
            }
            remaining.remove(next.get());
            displaced.add(next.get());
            exceeded = exceededCaps(remaining, request);
        }
        return displaced;
    }

    private static Optional<CountedContact> displaceable(List<CountedContact> counted, CounterRequest request,
            List<FrequencyCap> exceeded) {
        return counted.stream()
                .filter(CountedContact::hold)
                .filter(contact -> contact.priority() < request.priority())
                .filter(contact -> !contact.sameWave(request.waveKey()))
                .filter(contact -> exceeded.stream().anyMatch(cap -> within(cap.window(), contact.at(), request.at())))
                .min(Comparator.comparingInt(CountedContact::priority)
                        .thenComparing(CountedContact::at, Comparator.reverseOrder()));
    }

    private static boolean within(Duration window, Instant a, Instant b) {
        return Math.abs(a.toEpochMilli() - b.toEpochMilli()) < window.toMillis();
    }

    private Instant outOfQuietHours(Instant at) {
        return settings.quietHours().firstAllowedFrom(at);
    }

    /** A refusal waiting cannot lift beats one with a time; among timed ones the latest wins; ties go to the first listed. */
    static Refused strictest(List<Refused> refusals) {
        Refused strictest = refusals.get(0);
        for (Refused candidate : refusals) {
            if (isStricter(candidate, strictest)) {
                strictest = candidate;
            }
        }
        return strictest;
    }

    private static boolean isStricter(Refused candidate, Refused current) {
        if (current.nextAllowedAt() == null) {
            return false;
        }
        return candidate.nextAllowedAt() == null || candidate.nextAllowedAt().isAfter(current.nextAllowedAt());
    }

    /** Drops what can no longer count at or after {@code now}: contacts out of every window, unused holds past their grace. */
    ContactHistory trim(ContactHistory history, Instant now) {
        Instant outOfEveryWindow = now.minus(settings.longestWindow());
        Instant graceEnded = now.minus(settings.holdGrace());
        List<CountedContact> counted = history.counted().stream()
                .filter(contact -> contact.at().isAfter(outOfEveryWindow))
                .filter(contact -> !contact.hold() || contact.at().isAfter(graceEnded))
                .toList();
        Instant outOfProviderWindows = now.minus(settings.longestProviderWindow());
        List<ProviderSubmission> submissions = history.submissions().stream()
                .filter(submission -> submission.at().isAfter(outOfProviderWindows))
                .toList();
        return new ContactHistory(counted, submissions);
    }

    /**
     * A customer's counters as the contact log says they should be (for recovery): the contacts, and the
     * holds that still stand. A hold whose wave was sent is used, whatever its log line says, as
     * {@link #evaluate} uses it.
     */
    public ContactHistory historyOf(List<PastContact> contacts, Instant now) {
        List<CountedContact> counted = new ArrayList<>();
        List<ProviderSubmission> submissions = new ArrayList<>();
        for (PastContact contact : contacts) {
            if (contact.hold() && sentInItsWave(contact, contacts)) {
                continue;
            }
            Reservation reservation = reservationOf(contact);
            if (reservation.counted() != null) {
                counted.add(reservation.counted());
            }
            if (reservation.submission() != null) {
                submissions.add(reservation.submission());
            }
        }
        return trim(new ContactHistory(counted, submissions), now);
    }

    private static boolean sentInItsWave(PastContact hold, List<PastContact> contacts) {
        return hold.campaign() != null && contacts.stream()
                .anyMatch(sent -> !sent.hold() && sent.campaign() != null
                        && sent.campaign().waveKey().equals(hold.campaign().waveKey()));
    }

    /**
     * What an allowed contact or a hold in the log counted, as {@link #allowed} made it at the time: to
     * release it by its log entry alone (the provider's rejection arrives later, perhaps after a restart),
     * and to rebuild it after a loss. A hold counts no provider submission.
     */
    Reservation reservationOf(PastContact contact) {
        CountedContact counted = null;
        if (contact.category().isMarketing()) {
            CampaignWave campaign = contact.campaign();
            counted = new CountedContact(contact.at(), settings.weightOf(contact.channel()),
                    campaign == null ? null : campaign.waveKey(), campaign == null ? 0 : campaign.priority(),
                    contact.hold());
        }
        ProviderSubmission submission = !contact.hold() && settings.providerLimitFor(contact.route()).isPresent()
                ? new ProviderSubmission(contact.at(), ProviderSubmission.routeKey(contact.route(), contact.templateId()))
                : null;
        return new Reservation(contact.customerId(), counted, submission);
    }

    /** The history without what a reservation counted (the provider rejected the message). */
    static ContactHistory release(ContactHistory history, Reservation reservation) {
        List<CountedContact> counted = new ArrayList<>(history.counted());
        if (reservation.counted() != null) {
            counted.remove(reservation.counted());
        }
        List<ProviderSubmission> submissions = new ArrayList<>(history.submissions());
        if (reservation.submission() != null) {
            submissions.remove(reservation.submission());
        }
        return new ContactHistory(counted, submissions);
    }

    /** The history without the contacts (not holds) counted for the wave {@code waveKey}. */
    static ContactHistory withoutWaveContacts(ContactHistory history, String waveKey) {
        List<CountedContact> counted = new ArrayList<>(history.counted());
        counted.removeIf(contact -> !contact.hold() && contact.sameWave(waveKey));
        return new ContactHistory(counted, history.submissions());
    }

    private static List<CountedContact> without(List<CountedContact> counted, CountedContact removed) {
        return removed == null ? counted : without(counted, List.of(removed));
    }

    private static List<CountedContact> without(List<CountedContact> counted, List<CountedContact> removed) {
        List<CountedContact> rest = new ArrayList<>(counted);
        removed.forEach(rest::remove);
        return rest;
    }
}
