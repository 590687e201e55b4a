package io.baifang.shared;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SendRates} promises, run against the JVM buckets and the Redis ones. The rates are small
 * so the waits stay short; the bounds are loose on purpose (a shared 2-core machine), but a limiter that did not
 * wait, did not share a key between instances, or shared one between keys, falls outside them.
 */
abstract class SendRatesContractTests {

    /** A fresh store; a second call gives another instance's view of the same buckets. */
    abstract SendRates rates();

    private final String key = "test:" + UUID.randomUUID();

    @Test
    void theFirstSendsWaitTheirShareOfTheRate() {
        Duration took = timed(rates().acquire(key, 10, 20));

        assertThat(took).isBetween(Duration.ofMillis(350), Duration.ofMillis(1_500));
    }

    @Test
    void twoSecondsWorthTakesTwoSecondsTakenASecondsWorthAtATime() {
        Duration took = timed(rates().acquire(key, 40, 20));

        assertThat(took).isBetween(Duration.ofMillis(1_800), Duration.ofMillis(3_500));
    }

    @Test
    void twoInstancesShareOneRate() {
        SendRates one = rates();
        SendRates other = rates();

        Duration took = timed(Mono.when(one.acquire(key, 10, 20), other.acquire(key, 10, 20)));

        assertThat(took).isBetween(Duration.ofMillis(850), Duration.ofMillis(2_500));
    }

    @Test
    void otherKeysAndOtherRatesHaveBucketsOfTheirOwn() {
        SendRates rates = rates();

        Duration took = timed(Mono.when(rates.acquire(key, 10, 20), rates.acquire(key + ":other", 10, 20),
                rates.acquire(key, 10, 21)));

        assertThat(took).as("three buckets filling side by side, half a second each")
                .isBetween(Duration.ofMillis(350), Duration.ofMillis(1_400));
    }

    @Test
    void noRateMeansNoLimitAndNoSendsMeansNoWait() {
        SendRates rates = rates();

        assertThat(timed(rates.acquire(key, 1_000_000, 0))).isLessThan(Duration.ofMillis(200));
        assertThat(timed(rates.acquire(key, 0, 1))).isLessThan(Duration.ofMillis(200));
    }

    private static Duration timed(Mono<Void> acquire) {
        long start = System.nanoTime();
        acquire.block(Duration.ofSeconds(20));
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
