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
}
