package io.baifang.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatusOrderTests {

    @ParameterizedTest(name = "{0} then {1}: current status becomes the report = {2}")
    @CsvSource({
            "QUEUED, SENT, true",
            "QUEUED, DELIVERED, true",
            "QUEUED, FAILED, true",
            "SENT, DELIVERED, true",
            "SENT, UNDELIVERED, true",
            "DELIVERED, SENT, false",
            "DELIVERED, QUEUED, false",
            "DELIVERED, UNDELIVERED, false",
            "FAILED, DELIVERED, false",
            "SENT, SENT, false"})
    void aStatusOnlyEverMovesForward(DeliveryStatus current, DeliveryStatus reported, boolean moves) {
        assertThat(StatusOrder.overtakenBy(reported).contains(current)).isEqualTo(moves);
    }
}
