package io.baifang.contactpolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.baifang.customers.Customer;
import io.baifang.customers.CustomerCriteria;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.IdGenerator;
import io.baifang.shared.PageOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one way to contact a customer: every send path (one message, a campaign batch, a staff call or visit)
 * asks here. For each attempt the gate
 * <ol>
 * <li>reads the customer's opt-out and consent from the registry (the caller's flags can only make it
 * stricter, never looser),</li>
 * <li>decides through the policy, which counts an allowed contact in the same atomic step,</li>
 * <li>writes the decision to the contact log, allowed or not, and</li>
 * <li>answers the decision with its log entry.</li>
 * </ol>
 * A contact counted must have its log line, or recovery would forget it: when the log write fails, the
 * gate releases what was counted and signals the error. The decide-and-log step runs to its end even when
 * the caller cancels (an HTTP client hanging up), so a cancellation cannot leave a count without its line.
 */
public final class ContactGate {

    private static final Logger log = LoggerFactory.getLogger(ContactGate.class);

    /** Hold lines released per log statement and round trip to the counters. */
    private static final int HOLDS_RELEASED_AT_ONCE = 1_000;

    private final ContactPolicy policy;
    private final ContactLog contactLog;
    private final CustomerDirectory customers;
    private final IdGenerator ids;
    private final Clock clock;
    private final Runnable whenPaused;

    ContactGate(ContactPolicy policy, ContactLog contactLog, CustomerDirectory customers, IdGenerator ids,
            Clock clock, Runnable whenPaused) {
        this.policy = policy;
        this.contactLog = contactLog;
        this.customers = customers;
        this.ids = ids;
        this.clock = clock;
        this.whenPaused = whenPaused;
    }

    /**
     * Decides one attempt, logs it and answers the outcome. An unknown customer is an error
     * ({@link UnknownCustomerException}): the registry is the truth about opt-out and consent.
     */
    public Mono<ContactOutcome> request(ContactAttempt attempt, String recordedBy, String note) {
        return customers.find(attempt.customerId())
                .switchIfEmpty(Mono.error(() -> new UnknownCustomerException(attempt.customerId())))
                .flatMap(customer -> request(attempt, customer, recordedBy, note));
    }

    /**
     * Decides a batch (one round trip to the counters), logs it in one statement, and answers the outcomes
     * in the requests' order. One unknown customer fails the batch before anything is counted.
     */
    public Flux<ContactOutcome> requestAll(List<ContactRequest> requests) {
        if (requests.isEmpty()) {
            return Flux.empty();
        }
        Mono<Map<UUID, Customer>> registry = registryOf(requests.stream()
                .map(request -> request.attempt().customerId())
                .toList());
        return registry.flatMapMany(known -> decideAndLogAll(requests, known));
    }

    /**
     * Like {@link #requestAll(List)}, for a caller that has just read the customers from the registry (a campaign
     * batch, which renders their messages first): opt-out and consent are taken from {@code justRead}, not read
     * again. A customer missing from it fails the batch before anything is counted.
     */
    public Flux<ContactOutcome> requestAll(List<ContactRequest> requests, Map<UUID, Customer> justRead) {
        if (requests.isEmpty()) {
            return Flux.empty();
        }
        return Mono.fromCallable(() -> allKnown(requests.stream().map(request -> request.attempt().customerId())
                        .toList(), justRead))
                .flatMapMany(known -> decideAndLogAll(requests, known));
    }

    private Flux<ContactOutcome> decideAndLogAll(List<ContactRequest> requests, Map<UUID, Customer> known) {
        return runToTheEnd(decideAndLogAll(withRegistryFlags(requests, known))).flatMapIterable(Function.identity());
    }

    /**
     * What the policy would decide now for each attempt, in the attempts' order, with opt-out and consent
     * from the registry as {@link #requestAll} applies them — counting, reserving and logging nothing: for
     * campaign estimates. Attempts in one preview see each other (a second marketing attempt to the same
     * customer is {@code FREQUENCY_CAP}); an allowed preview carries no reservation. While the counters are
     * being rebuilt, marketing previews {@link ContactDecision.Paused} (and a rebuild is started). One
     * unknown customer fails the preview. Decide in batches of a few thousand: each is one round trip.
     */
    public Flux<ContactDecision> preview(List<ContactAttempt> attempts) {
        if (attempts.isEmpty()) {
            return Flux.empty();
        }
        return withRegistryFlags(attempts)
                .flatMapMany(policy::preview)
                .collectList()
                .doOnNext(decisions -> decisions.stream().filter(ContactDecision.Paused.class::isInstance).findAny()
                        .ifPresent(paused -> whenPaused.run()))
                .flatMapIterable(Function.identity());
    }

    /**
     * Holds the customer's slot for a campaign wave's send planned at {@code plannedAt} (see
     * {@link ContactRules}): a higher-priority campaign displaces a lower-priority hold, and the wave's own
     * send later uses it. A hold placed is logged ({@code HELD}, with the planned time, wave and priority), so
     * recovery rebuilds it after a loss; its line is marked released when the wave is cancelled
     * ({@link #releaseHold}), when the send uses it, when a higher-priority campaign displaces it, and when it
     * lapses unused. A hold refused (or paused) reserved nothing and is answered, not logged.
     */
    public Mono<ContactDecision> holdAhead(ContactAttempt attempt, Instant plannedAt) {
        return customers.find(attempt.customerId())
                .switchIfEmpty(Mono.error(() -> new UnknownCustomerException(attempt.customerId())))
                .flatMap(customer -> runToTheEnd(holdAndLog(withRegistryFlags(attempt, customer), plannedAt)));
    }

    /**
     * Like {@link #holdAhead}, for many customers of one campaign wave's send planned at {@code plannedAt}: the
     * registry read in one query, the holds decided in one round trip to the counters, the holds placed logged in
     * one statement; decisions in the attempts' order. One unknown customer fails the batch before anything is
     * held. Hold in batches of a few thousand. A customer the wave already holds (or contacted) is refused
     * {@code CAMPAIGN_WAVE_CAP} and nothing changes, so placing a wave's holds again after a stop is harmless.
     */
    public Flux<ContactDecision> holdAheadAll(List<ContactAttempt> attempts, Instant plannedAt) {
        if (attempts.isEmpty()) {
            return Flux.empty();
        }
        return withRegistryFlags(attempts)
                .flatMapMany(checked -> runToTheEnd(holdAllAndLog(checked, plannedAt)).flatMapIterable(Function.identity()));
    }

    /**
     * Releases every hold a campaign wave placed for its send at {@code plannedAt} that still stands, because the
     * wave was cancelled (or ended without using them): marks their lines {@code CANCELLED} and frees their slots. The lines are streamed from
     * the log in batches of {@value #HOLDS_RELEASED_AT_ONCE}, each one log statement and one round trip to the
     * counters, so a wave of a million holds costs no more memory than one of ten. Holds used, displaced, lapsed
     * or released before are left alone. Answers how many were released.
     */
    public Mono<Long> releaseHolds(String campaignId, int wave, Instant plannedAt) {
        return contactLog.standingHolds(campaignId, wave, plannedAt)
                .map(hold -> policy.rules().reservationOf(hold))
                .buffer(HOLDS_RELEASED_AT_ONCE)
                .concatMap(holds -> runToTheEnd(releaseAllHolds(holds)))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> releaseAllHolds(List<Reservation> holds) {
        List<ContactLog.EndedHold> cancelled = holds.stream()
                .map(hold -> new ContactLog.EndedHold(hold.customerId(), hold.counted()))
                .toList();
        // a hold a send used or a higher-priority campaign displaced meanwhile is no longer in the counters:
        // releasing it there finds nothing
        return contactLog.markHoldsEnded(cancelled, ContactLog.ReleaseReason.CANCELLED, clock.instant())
                .flatMap(marked -> policy.releaseAll(holds).thenReturn(marked));
    }

    /**
     * Releases a hold because its wave was cancelled: marks its log line and frees the slot. A hold that was
     * used, displaced or lapsed, a hold released before, and anything that is not a hold are left alone.
     */
    public Mono<Void> releaseHold(ContactDecision hold) {
        if (!(hold instanceof ContactDecision.Allowed allowed) || allowed.reservation() == null
                || allowed.reservation().counted() == null || !allowed.reservation().counted().hold()) {
            return Mono.empty();
        }
        Reservation reservation = allowed.reservation();
        List<ContactLog.EndedHold> cancelled = List.of(new ContactLog.EndedHold(reservation.customerId(),
                reservation.counted()));
        return contactLog.markHoldsEnded(cancelled, ContactLog.ReleaseReason.CANCELLED, clock.instant())
                .filter(marked -> marked > 0)
                .flatMap(marked -> policy.release(reservation));
    }

    /**
     * Releases an allowed contact the provider rejected: marks its log line released and frees its slot.
     * Releasing twice, or releasing a refusal, does nothing.
     */
    public Mono<Void> release(ContactOutcome outcome) {
        if (!(outcome.decision() instanceof ContactDecision.Allowed allowed)) {
            return Mono.empty();
        }
        return release(outcome.logEntryId(), allowed.reservation());
    }

    /** Like {@link #release(ContactOutcome)}, for a caller that kept only the log entry's id. */
    public Mono<Void> release(UUID logEntryId) {
        return contactLog.find(logEntryId)
                .filter(ContactLogEntry::allowed)
                .flatMap(entry -> release(entry.id(), policy.rules().reservationOf(entry.asPastContact())));
    }

    /**
     * Frees what a campaign wave counted for customers whose message was never stored, because their sender
     * stopped between the contact policy's answer and the store: each allowed line of the wave is marked
     * released and its slot freed, and a contact counted with no line at all (the sender stopped between
     * counting and logging) is removed from the counters by its wave. The customers are then decided afresh
     * rather than refused by their own wave. One log query and two round trips to the counters for the list.
     * Answers how many counted contacts without a line were removed.
     */
    public Mono<Integer> releaseUnsent(String campaignId, int wave, List<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Mono.just(0);
        }
        Mono<Void> lines = contactLog.countedForWave(campaignId, wave, customerIds)
                .concatMap(line -> release(line.id(), policy.rules().reservationOf(line.asPastContact())))
                .then();
        return runToTheEnd(lines.then(policy.forgetWaveContacts(customerIds, new CampaignWave(campaignId, wave, 0))));
    }

    /** A customer's contact log, newest first: every contact and every refusal. */
    public Mono<PageOf<ContactLogEntry>> logOf(UUID customerId, int page, int size) {
        Mono<List<ContactLogEntry>> items = contactLog.newestFirstFor(customerId, page, size).collectList();
        Mono<Long> total = contactLog.countFor(customerId);
        return items.zipWith(total, (found, count) -> new PageOf<>(found, page, size, count));
    }

    /**
     * The customers contacted for marketing (a message, a staff call or visit) at or after {@code since}, as a
     * statement a campaign's audience nests to leave them out ("last contacted before").
     */
    public CustomerCriteria.IdQuery marketingContactedSince(Instant since) {
        return ContactLog.marketingContactedSince(since);
    }

    /** The rules in force. */
    public ContactPolicySettings settings() {
        return policy.settings();
    }

    /** For a caller that has just read the customer itself (the staff API, after its branch check). */
    Mono<ContactOutcome> request(ContactAttempt attempt, Customer customer, String recordedBy, String note) {
        ContactAttempt checked = withRegistryFlags(attempt, customer);
        return runToTheEnd(decideAndLog(checked, recordedBy, note));
    }

    private Mono<ContactOutcome> decideAndLog(ContactAttempt attempt, String recordedBy, String note) {
        return policy.decide(attempt)
                .map(decision -> outcomeOf(attempt, decision, recordedBy, note, clock.instant()))
                .flatMap(outcome -> logged(List.of(outcome)).then(holdsEndedBy(List.of(outcome))).thenReturn(outcome))
                .doOnNext(this::recoverIfPaused);
    }

    private Mono<ContactDecision> holdAndLog(ContactAttempt attempt, Instant plannedAt) {
        return policy.holdAhead(attempt, plannedAt)
                .flatMap(decision -> decision.isAllowed() ? loggedHold(attempt, decision) : Mono.just(decision))
                .doOnNext(decision -> {
                    if (decision instanceof ContactDecision.Paused) {
                        whenPaused.run();
                    }
                });
    }

    /** The hold's line keeps the planned time as the counters counted it, so release and recovery find it. */
    private Mono<ContactDecision> loggedHold(ContactAttempt attempt, ContactDecision hold) {
        Instant plannedAt = ((ContactDecision.Allowed) hold).reservation().counted().at();
        List<ContactOutcome> held = List.of(new ContactOutcome(
                ContactLogEntry.held(ids.next(), attempt, plannedAt, clock.instant()), hold));
        return logged(held).then(holdsEndedBy(held)).thenReturn(hold);
    }

    private Mono<List<ContactDecision>> holdAllAndLog(List<ContactAttempt> attempts, Instant plannedAt) {
        return policy.holdAheadAll(attempts, plannedAt)
                .collectList()
                .flatMap(decisions -> {
                    List<ContactOutcome> held = heldOutcomes(attempts, decisions, clock.instant());
                    return logged(held).then(holdsEndedBy(held)).thenReturn(decisions);
                })
                .doOnNext(decisions -> decisions.stream().filter(ContactDecision.Paused.class::isInstance).findAny()
                        .ifPresent(paused -> whenPaused.run()));
    }

    /** The holds placed, each with its log line at the planned time as the counters counted it. */
    private List<ContactOutcome> heldOutcomes(List<ContactAttempt> attempts, List<ContactDecision> decisions,
            Instant now) {
        List<ContactOutcome> held = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            if (decisions.get(i) instanceof ContactDecision.Allowed hold) {
                Instant plannedAt = hold.reservation().counted().at();
                held.add(new ContactOutcome(ContactLogEntry.held(ids.next(), attempts.get(i), plannedAt, now), hold));
            }
        }
        return held;
    }

    /**
     * Marks the log lines of the holds these decisions ended: used by their wave's send, or displaced by a
     * higher-priority campaign. The contacts are counted and logged by now, so a failure here is reported,
     * not signalled: recovery still drops a used hold by itself, and a displaced one comes back only after
     * a loss, until it lapses.
     */
    private Mono<Void> holdsEndedBy(List<ContactOutcome> outcomes) {
        List<ContactLog.EndedHold> used = new ArrayList<>();
        List<ContactLog.EndedHold> displaced = new ArrayList<>();
        for (ContactOutcome outcome : outcomes) {
            if (outcome.decision() instanceof ContactDecision.Allowed allowed && allowed.reservation() != null) {
                Reservation reservation = allowed.reservation();
                if (reservation.usedHold() != null) {
                    used.add(new ContactLog.EndedHold(reservation.customerId(), reservation.usedHold()));
                }
                reservation.displaced().forEach(hold ->
                        displaced.add(new ContactLog.EndedHold(reservation.customerId(), hold)));
            }
        }
        if (used.isEmpty() && displaced.isEmpty()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return contactLog.markHoldsEnded(used, ContactLog.ReleaseReason.USED, now)
                .then(contactLog.markHoldsEnded(displaced, ContactLog.ReleaseReason.DISPLACED, now))
                .then()
                .onErrorResume(failure -> {
                    log.warn("Could not mark used or displaced holds in the contact log", failure);
                    return Mono.empty();
                });
    }

    private Mono<List<ContactOutcome>> decideAndLogAll(List<ContactRequest> requests) {
        List<ContactAttempt> attempts = requests.stream().map(ContactRequest::attempt).toList();
        return policy.decideAll(attempts)
                .collectList()
                .map(decisions -> outcomesOf(requests, decisions, clock.instant()))
                .flatMap(outcomes -> logged(outcomes).then(holdsEndedBy(outcomes)).thenReturn(outcomes))
                .doOnNext(outcomes -> outcomes.stream().filter(ContactOutcome::isPaused).findAny()
                        .ifPresent(this::recoverIfPaused));
    }

    /** Writes the log lines; if that fails, uncounts what was counted so no count lacks its line. */
    private Mono<Void> logged(List<ContactOutcome> outcomes) {
        List<ContactLogEntry> entries = outcomes.stream().map(ContactOutcome::logEntry).toList();
        return contactLog.recordAll(entries)
                .onErrorResume(failure -> releaseCounted(outcomes).then(Mono.error(failure)));
    }

    private Mono<Void> releaseCounted(List<ContactOutcome> outcomes) {
        return Flux.fromIterable(outcomes)
                .map(ContactOutcome::decision)
                .ofType(ContactDecision.Allowed.class)
                .concatMap(allowed -> policy.release(allowed.reservation())
                        .onErrorResume(failure -> {
                            log.warn("Could not release a reservation after the contact log failed; "
                                    + "the slot stays taken until its window passes", failure);
                            return Mono.empty();
                        }))
                .then();
    }

    private Mono<Void> release(UUID logEntryId, Reservation reservation) {
        return contactLog.markReleased(logEntryId, clock.instant())
                .filter(Boolean::booleanValue)
                .flatMap(marked -> policy.release(reservation));
    }

    private ContactOutcome outcomeOf(ContactAttempt attempt, ContactDecision decision, String recordedBy,
            String note, Instant now) {
        ContactLogEntry entry = ContactLogEntry.of(ids.next(), attempt, decision, note, recordedBy,
                countedAt(decision, now));
        return new ContactOutcome(entry, decision);
    }

    private List<ContactOutcome> outcomesOf(List<ContactRequest> requests, List<ContactDecision> decisions,
            Instant now) {
        List<ContactOutcome> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ContactRequest request = requests.get(i);
            outcomes.add(outcomeOf(request.attempt(), decisions.get(i), request.recordedBy(), request.note(), now));
        }
        return outcomes;
    }

    /**
     * The log keeps an allowed contact at the instant the counters counted it, so recovery rebuilds exactly
     * what was counted and a release by log id finds the same entry.
     */
    private static Instant countedAt(ContactDecision decision, Instant now) {
        if (decision instanceof ContactDecision.Allowed allowed && allowed.reservation() != null) {
            Reservation reservation = allowed.reservation();
            if (reservation.counted() != null) {
                return reservation.counted().at();
            }
            if (reservation.submission() != null) {
                return reservation.submission().at();
            }
        }
        return now;
    }

    private void recoverIfPaused(ContactOutcome outcome) {
        if (outcome.isPaused()) {
            whenPaused.run();
        }
    }

    /** The registry's customers, read in one statement; one unknown customer is an error. */
    private Mono<Map<UUID, Customer>> registryOf(List<UUID> customerIds) {
        List<UUID> distinct = customerIds.stream().distinct().toList();
        return customers.findAll(distinct)
                .collectMap(Customer::id)
                .map(found -> allKnown(distinct, found));
    }

    private static Map<UUID, Customer> allKnown(List<UUID> customerIds, Map<UUID, Customer> found) {
        for (UUID customerId : customerIds) {
            if (!found.containsKey(customerId)) {
                throw new UnknownCustomerException(customerId);
            }
        }
        return found;
    }

    /** The attempts with opt-out and consent as the registry has them, read in one statement. */
    private Mono<List<ContactAttempt>> withRegistryFlags(List<ContactAttempt> attempts) {
        return registryOf(attempts.stream().map(ContactAttempt::customerId).toList())
                .map(known -> attempts.stream()
                        .map(attempt -> withRegistryFlags(attempt, known.get(attempt.customerId())))
                        .toList());
    }

    private static List<ContactRequest> withRegistryFlags(List<ContactRequest> requests, Map<UUID, Customer> known) {
        return requests.stream()
                .map(request -> new ContactRequest(
                        withRegistryFlags(request.attempt(), known.get(request.attempt().customerId())),
                        request.recordedBy(), request.note()))
                .toList();
    }

    /** The registry can only make an attempt stricter: opted out if either says so, consent only if both do. */
    private static ContactAttempt withRegistryFlags(ContactAttempt attempt, Customer customer) {
        return attempt.optedOut(attempt.optedOut() || customer.optedOut())
                .consent(attempt.consent() && customer.consent());
    }

    /**
     * Runs the pipeline to completion whatever the subscriber does: once a decision may have counted a
     * contact, its log line (or its release) must follow even if the caller cancels.
     */
    private static <T> Mono<T> runToTheEnd(Mono<T> pipeline) {
        return Mono.defer(() -> Mono.fromFuture(pipeline.toFuture(), true));
    }

    /** The attempt names a customer the registry does not know. */
    public static final class UnknownCustomerException extends RuntimeException {

        UnknownCustomerException(UUID customerId) {
            super("no customer " + customerId);
        }
    }
}
