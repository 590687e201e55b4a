package io.baifang.channels.twilio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTests {

    private final MovableClock clock = new MovableClock();
    private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void staysClosedBelowTheThreshold() {
        circuit.failed();
        circuit.failed();
        assertThat(circuit.refusal()).isEmpty();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aSuccessForgetsEarlierFailures() {
        circuit.failed();
        circuit.failed();
        circuit.succeeded();
        circuit.failed();
        circuit.failed();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void opensAtTheThresholdAndRefusesForTheRestOfTheCoolDown() {
        failThreeTimes();
        clock.advance(Duration.ofSeconds(10));
        assertThat(circuit.refusal()).contains(Duration.ofSeconds(20));
    }

    @Test
    void afterTheCoolDownLetsOneTrialThroughAndRefusesOthersMeanwhile() {
        failThreeTimes();
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.refusal()).as("the trial").isEmpty();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(circuit.refusal()).as("a second caller during the trial").isPresent();
    }

    @Test
    void aSuccessfulTrialClosesTheCircuit() {
        failThreeTimes();
        clock.advance(Duration.ofSeconds(30));
        circuit.refusal();
        circuit.succeeded();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuit.refusal()).isEmpty();
    }

    @Test
    void aFailedTrialOpensItForAnotherCoolDown() {
        failThreeTimes();
        clock.advance(Duration.ofSeconds(30));
        circuit.refusal();
        circuit.failed();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuit.refusal()).contains(Duration.ofSeconds(30));
    }

    private void failThreeTimes() {
        circuit.failed();
        circuit.failed();
        circuit.failed();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-02-10T01:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
