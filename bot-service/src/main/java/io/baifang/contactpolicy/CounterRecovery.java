package io.baifang.contactpolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Rebuilds the counters from the contact log when they were lost (Redis keeps nothing on disk; a JVM store
 * starts empty), then lets marketing resume. Until then the store refuses to decide and marketing stays
 * paused, so no customer is contacted on counters that forgot them.
 *
 * <p>Call {@link #recoverIfNeeded} at start-up, on a short schedule, and whenever a decision comes back
 * {@link ContactDecision.Paused}. Concurrent calls in one instance share one recovery; across instances
 * sharing one Redis, the store's recovery lock lets one rebuild while the others keep marketing paused and
 * look again every {@code pollWhileElsewhere} until the winner's markers say the counters are whole.
 *
 * <p>The contact log query is the caller's: given the earliest time that can still count, it returns every
 * contact since then that was allowed and not released, and every hold that still stands, <b>ordered by
 * customer</b> ({@link #LOG_ORDER}). The log is streamed one customer at a time, so a month of contacts
 * never sits in memory at once; a log out of order is an error, not a silent undercount.
 */
final class CounterRecovery {

    /** Rebuilding customers in parallel keeps a large log quick without flooding the store. */
    private static final int CUSTOMERS_IN_FLIGHT = 64;

    /** The order the log must come in: customers as PostgreSQL and H2 order a {@code uuid} (unsigned bytes). */
    static final Comparator<UUID> CUSTOMER_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    static final Comparator<PastContact> LOG_ORDER = Comparator.comparing(PastContact::customerId, CUSTOMER_ORDER)
            .thenComparing(PastContact::at);

    private final ContactCounters counters;
    private final ContactPolicySettings settings;
    private final Clock clock;
    private final Duration settle;
    private final Duration pollWhileElsewhere;
    private final AtomicReference<Mono<Recovery>> inFlight = new AtomicReference<>();

    /**
     * @param settle             how long to wait before reading the log, so that contacts allowed just
     *                           before the loss have reached it (the log is written right after the decision)
     * @param pollWhileElsewhere how often to look again while another instance rebuilds
     */
    CounterRecovery(ContactCounters counters, ContactPolicySettings settings, Clock clock, Duration settle,
            Duration pollWhileElsewhere) {
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
        this.settle = settle;
        this.pollWhileElsewhere = pollWhileElsewhere;
    }

    /** What a recovery did. {@code performed} is false when the counters were intact (or another instance rebuilt them). */
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
            Mono<Recovery> recovery = untilWhole(contactLogSince)
                    .doFinally(signal -> inFlight.set(null))
                    .cache();
            return inFlight.compareAndSet(null, recovery) ? recovery : recoverIfNeeded(contactLogSince);
        });
    }

    /** Rebuilds every customer's counters from the log, then marks them complete. */
    public Mono<Recovery> recover(Function<Instant, Flux<PastContact>> contactLogSince) {
        return waitForLateLogWrites()
                .then(Mono.defer(() -> rebuildFromLog(contactLogSince)));
    }

    /**
     * Rebuilds under the store's lock; while another instance holds it, looks again shortly. Each look asks
     * whether recovery is still needed, so the loser ends as soon as the winner has set the markers (or takes
     * over if the winner died and its lock lapsed).
     */
    private Mono<Recovery> untilWhole(Function<Instant, Flux<PastContact>> contactLogSince) {
        return isNeeded()
                .flatMap(needed -> needed
                        ? counters.exclusively(recoverIfStillNeeded(contactLogSince))
                        : Mono.just(Recovery.notNeeded()))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, pollWhileElsewhere)
                        .filter(RecoveryRunningElsewhereException.class::isInstance));
    }

    /** Asked again under the lock: an instance that finished just before we took it has set the markers. */
    private Mono<Recovery> recoverIfStillNeeded(Function<Instant, Flux<PastContact>> contactLogSince) {
        return isNeeded()
                .flatMap(needed -> needed ? recover(contactLogSince) : Mono.just(Recovery.notNeeded()));
    }

    private Mono<Void> waitForLateLogWrites() {
        return settle.isZero() ? Mono.empty() : Mono.delay(settle).then();
    }

    /** How much was rebuilt so far. */
    private record Tally(int customers, int contacts) {

        static final Tally NONE = new Tally(0, 0);

        Tally plus(int contactsOfOneCustomer) {
            return new Tally(customers + 1, contacts + contactsOfOneCustomer);
        }
    }

    /**
     * Streams the log a customer at a time: only the customers being rebuilt (and the driver's prefetch)
     * are in memory, whatever the size of the log.
     */
    private Mono<Recovery> rebuildFromLog(Function<Instant, Flux<PastContact>> contactLogSince) {
        Instant now = clock.instant();
        Instant from = now.minus(longestCountingWindow());
        InCustomerOrder order = new InCustomerOrder();
        return contactLogSince.apply(from)
                .filter(contact -> contact.at().isAfter(from))
                .bufferUntilChanged(PastContact::customerId)
                .doOnNext(order::check)
                .flatMap(contacts -> rebuild(contacts, now), CUSTOMERS_IN_FLIGHT)
                .reduce(Tally.NONE, Tally::plus)
                .flatMap(tally -> counters.markRecovered(now)
                        .thenReturn(new Recovery(true, tally.customers(), tally.contacts(), from)));
    }

    private Mono<Integer> rebuild(List<PastContact> contactsOfOneCustomer, Instant now) {
        return counters.rebuild(contactsOfOneCustomer.get(0).customerId(), contactsOfOneCustomer, now)
                .thenReturn(contactsOfOneCustomer.size());
    }

    /**
     * A customer who came back later in the log would be rebuilt twice, the second time without the first
     * part of their contacts: refuse to go on rather than undercount.
     */
    private static final class InCustomerOrder {

        private UUID last;

        void check(List<PastContact> contactsOfOneCustomer) {
            UUID customer = contactsOfOneCustomer.get(0).customerId();
            if (last != null && CUSTOMER_ORDER.compare(last, customer) >= 0) {
                throw new IllegalStateException("the contact log must come ordered by customer; customer "
                        + customer + " came after " + last);
            }
            last = customer;
        }
    }

    private Duration longestCountingWindow() {
        Duration caps = settings.longestWindow();
        Duration providers = settings.longestProviderWindow();
        return caps.compareTo(providers) >= 0 ? caps : providers;
    }
}
