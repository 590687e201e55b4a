package io.baifang.channels.twilio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops calling a provider that keeps failing. Closed: every call goes through and consecutive transient
 * failures are counted; at the threshold the circuit opens. Open: calls are refused without touching the
 * network until the cool-down has passed. Half-open: one trial call goes through; its success closes the
 * circuit, its failure opens it again for another cool-down. Permanent refusals (a bad number) say nothing
 * about the provider's health and are reported as successes.
 *
 * <p>Plain Java on purpose: small enough to read in one go, tested with a fixed clock, no new dependency.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Empty when the call may go ahead; otherwise how long the circuit stays open. */
    synchronized Optional<Duration> refusal() {
        Instant now = clock.instant();
        if (state == State.OPEN && !now.isBefore(openUntil)) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        switch (state) {
            case CLOSED:
                return Optional.empty();
            case HALF_OPEN:
                if (trialInFlight) {
                    return Optional.of(openFor);
                }
                trialInFlight = true;
                return Optional.empty();
            default:
                return Optional.of(Duration.between(now, openUntil));
        }
    }

    synchronized void succeeded() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    synchronized void failed() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
            trialInFlight = false;
        }
    }

    synchronized State state() {
        return state;
    }
}
