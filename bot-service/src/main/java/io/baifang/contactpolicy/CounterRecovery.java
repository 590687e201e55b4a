package io.baifang.contactpolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rebuilds the counters from the contact log when they were lost (Redis keeps nothing on disk; a JVM store
 * starts empty), then lets marketing resume. Until then the store refuses to decide and marketing stays
 * paused, so no customer is contacted on counters that forgot them.
 *
 * <p>Call {@link #recoverIfNeeded} at start-up, on a short schedule, and whenever a decision comes back
 * {@link ContactDecision.Paused}; concurrent calls in one instance share one recovery. The contact log query
 * is the caller's: given the earliest time that can still count, it returns every contact since then that
 * was allowed and not released. Holds are not in the log: campaigns place them again.
 */
final class CounterRecovery {

    /** Rebuilding customers in parallel keeps a large log quick without flooding the store. */
    private static final int CUSTOMERS_IN_FLIGHT = 64;

    private final ContactCounters counters;
    private final ContactPolicySettings settings;
    private final Clock clock;
    private final Duration settle;
    private final AtomicReference<Mono<Recovery>> inFlight = new AtomicReference<>();

    /**
     * @param settle how long to wait before reading the log, so that contacts allowed just before the loss
     *               have reached it (the log is written right after the decision)
     */
    public CounterRecovery(ContactCounters counters, ContactPolicySettings settings, Clock clock, Duration settle) {
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
        this.settle = settle;
    }

    /** What a recovery did. {@code performed} is false when the counters were intact. */
    public record Recovery(boolean performed, int customers, int contacts, Instant logFrom) {

        static Recovery notNeeded() {
            return new Recovery(false, 0, 0, null);
        }
    }

    public Mono<Boolean> isNeeded() {
        return counters.needsRecovery();
    }

    /** Rebuilds the counters from the log if they were lost; otherwise does nothing. */
    public Mono<Recovery> recoverIfNeeded(Function<Instant, Flux<PastContact>> contactLogSince) {
        return Mono.defer(() -> {
            Mono<Recovery> running = inFlight.get();
            if (running != null) {
                return running;
            }
            // asking again inside the single flight: a recovery that just finished has set the markers
            Mono<Recovery> recovery = isNeeded()
                    .flatMap(needed -> needed ? recover(contactLogSince) : Mono.just(Recovery.notNeeded()))
                    .doFinally(signal -> inFlight.set(null))
                    .cache();
            return inFlight.compareAndSet(null, recovery) ? recovery : recoverIfNeeded(contactLogSince);
        });
    }

    /** Rebuilds every customer's counters from the log, then marks them complete. */
    public Mono<Recovery> recover(Function<Instant, Flux<PastContact>> contactLogSince) {
        return waitForLateLogWrites()
                .then(Mono.defer(() -> readLog(contactLogSince)))
                .flatMap(this::rebuildAll);
    }

    private Mono<Void> waitForLateLogWrites() {
        return settle.isZero() ? Mono.empty() : Mono.delay(settle).then();
    }

    private record LogExcerpt(Instant from, Map<UUID, Collection<PastContact>> byCustomer) {
    }

    private Mono<LogExcerpt> readLog(Function<Instant, Flux<PastContact>> contactLogSince) {
        Instant from = clock.instant().minus(longestCountingWindow());
        return contactLogSince.apply(from)
                .filter(contact -> contact.at().isAfter(from))
                .collectMultimap(PastContact::customerId)
                .map(byCustomer -> new LogExcerpt(from, byCustomer));
    }

    private Mono<Recovery> rebuildAll(LogExcerpt log) {
        Instant now = clock.instant();
        int contacts = log.byCustomer().values().stream().mapToInt(Collection::size).sum();
        return Flux.fromIterable(log.byCustomer().entrySet())
                .flatMap(customer -> counters.rebuild(customer.getKey(), new ArrayList<>(customer.getValue()), now),
                        CUSTOMERS_IN_FLIGHT)
                .then(counters.markRecovered(now))
                .thenReturn(new Recovery(true, log.byCustomer().size(), contacts, log.from()));
    }

    private Duration longestCountingWindow() {
        Duration caps = settings.longestWindow();
        Duration providers = settings.longestProviderWindow();
        return caps.compareTo(providers) >= 0 ? caps : providers;
    }
}
