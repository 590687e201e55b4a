package io.baifang.contactpolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the counters whole: at start-up it rebuilds them from the contact log (the JVM store starts empty;
 * a Redis that restarted is empty too), then every {@code interval} it asks the cheap question "were they
 * lost?" and rebuilds before marketing resumes. A decision that comes back paused asks at once. Each tick
 * also marks the log lines of holds that lapsed unused.
 *
 * <p>Runs on Reactor's timer, never blocking; disposed when the context stops. A failed check (Redis still
 * down) is logged and tried again at the next tick: marketing stays paused meanwhile, transactional
 * messages go on.
 */
final class CounterRecoverySchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CounterRecoverySchedule.class);

    private final CounterRecovery recovery;
    private final ContactLog contactLog;
    private final Duration interval;
    private final Duration holdGrace;
    private final Clock clock;
    private volatile Disposable ticking;
    /** Callers that join one recovery all see the same result; it is reported once. */
    private final AtomicReference<CounterRecovery.Recovery> lastReported = new AtomicReference<>();

    CounterRecoverySchedule(CounterRecovery recovery, ContactLog contactLog, Duration interval, Duration holdGrace,
            Clock clock) {
        this.recovery = recovery;
        this.contactLog = contactLog;
        this.interval = interval;
        this.holdGrace = holdGrace;
        this.clock = clock;
    }

    /** Recovers now if the counters were lost; concurrent calls share one recovery. */
    Mono<CounterRecovery.Recovery> recoverIfNeeded() {
        return recovery.recoverIfNeeded(contactLog::allowedSince)
                .doOnNext(this::report);
    }

    /**
     * Marks the log lines of holds past their grace that nothing used or released (the counters let go of
     * them by themselves): the contacts API then shows them as released, {@code LAPSED}.
     */
    Mono<Long> markLapsedHolds() {
        Instant now = clock.instant();
        return contactLog.markLapsedHolds(now.minus(holdGrace), now);
    }

    /** For the gate: a paused decision starts a recovery without waiting for the next tick. */
    void recoverSoon() {
        recoverIfNeeded()
                .onErrorResume(this::logFailure)
                .subscribe();
    }

    @Override
    public void start() {
        ticking = Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> recoverIfNeeded().onErrorResume(this::logFailure)
                        .then(markLapsedHolds().onErrorResume(this::logSweepFailure)), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = ticking;
        if (running != null) {
            running.dispose();
        }
        ticking = null;
    }

    @Override
    public boolean isRunning() {
        return ticking != null && !ticking.isDisposed();
    }

    /** With the other lifecycle beans; recovery runs in the background, and marketing waits for it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void report(CounterRecovery.Recovery done) {
        if (done.performed() && lastReported.getAndSet(done) != done) {
            log.info("Contact counters rebuilt from the contact log since {}: {} contacts of {} customers",
                    done.logFrom(), done.contacts(), done.customers());
        }
    }

    private Mono<Long> logSweepFailure(Throwable failure) {
        log.warn("Could not mark lapsed holds in the contact log; trying again at the next tick: {}", failure.toString());
        return Mono.empty();
    }

    private Mono<CounterRecovery.Recovery> logFailure(Throwable failure) {
        log.warn("Could not check or rebuild the contact counters; marketing stays paused until they are: {}",
                failure.toString());
        return Mono.empty();
    }
}
