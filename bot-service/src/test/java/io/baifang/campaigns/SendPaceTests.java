package io.baifang.campaigns;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendPaceTests {

    @Test
    void waitsUntilTheSendsSoFarFitTheRate() {
        assertThat(SendPace.waitAfter(50, Duration.ofMillis(100), 100)).isEqualTo(Duration.ofMillis(400));
        assertThat(SendPace.waitAfter(100, Duration.ofMillis(1000), 100)).isEqualTo(Duration.ZERO);
    }

    @Test
    void neverWaitsWhenBehindTheRate() {
        assertThat(SendPace.waitAfter(10, Duration.ofSeconds(5), 100)).isEqualTo(Duration.ZERO);
        assertThat(SendPace.waitAfter(0, Duration.ZERO, 100)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aBatchIsNeverMoreThanASecondsWorthOfTheRate() {
        assertThat(SendPace.batchSize(100, 20)).isEqualTo(20);
        assertThat(SendPace.batchSize(100, 5_000)).isEqualTo(100);
        assertThat(SendPace.batchSize(100, 0)).isEqualTo(1);
    }
}
