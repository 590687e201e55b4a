package io.baifang.campaigns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendPaceTests {

    @Test
    void aBatchIsNeverMoreThanASecondsWorthOfTheRate() {
        assertThat(SendPace.batchSize(100, 20)).isEqualTo(20);
        assertThat(SendPace.batchSize(100, 5_000)).isEqualTo(100);
        assertThat(SendPace.batchSize(100, 0)).isEqualTo(1);
    }

    @Test
    void batchesGoOutSeveralAtOnceOnlyWhenTheRateAllowsThemAll() {
        assertThat(SendPace.batchesInFlight(3, 1_000, 100_000)).isEqualTo(3);
        assertThat(SendPace.batchesInFlight(3, 1_000, 2_000)).isEqualTo(2);
        assertThat(SendPace.batchesInFlight(3, 20, 20)).isEqualTo(1);
        assertThat(SendPace.batchesInFlight(1, 1_000, 100_000)).isEqualTo(1);
    }
}
