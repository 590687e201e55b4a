package io.baifang.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A campaign's daily send window, in the branches' local time. */
class DailyWindowTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final DailyWindow DAYTIME = new DailyWindow(LocalTime.of(9, 0), LocalTime.of(18, 0));

    private static final DailyWindow EVENING = new DailyWindow(LocalTime.of(20, 0), LocalTime.of(2, 0));

    @Test
    void aDaytimeWindowIsOpenFromItsStartUntilJustBeforeItsEnd() {
        assertThat(DAYTIME.isOpenAt(at("2027-01-20T08:59"), SHANGHAI)).isFalse();
        assertThat(DAYTIME.isOpenAt(at("2027-01-20T09:00"), SHANGHAI)).isTrue();
        assertThat(DAYTIME.isOpenAt(at("2027-01-20T17:59"), SHANGHAI)).isTrue();
        assertThat(DAYTIME.isOpenAt(at("2027-01-20T18:00"), SHANGHAI)).isFalse();
    }

    @Test
    void aWindowThatStartsAfterItEndsRunsOverMidnight() {
        assertThat(EVENING.isOpenAt(at("2027-01-20T21:00"), SHANGHAI)).isTrue();
        assertThat(EVENING.isOpenAt(at("2027-01-21T01:30"), SHANGHAI)).isTrue();
        assertThat(EVENING.isOpenAt(at("2027-01-21T02:00"), SHANGHAI)).isFalse();
        assertThat(EVENING.isOpenAt(at("2027-01-21T12:00"), SHANGHAI)).isFalse();
    }

    @Test
    void theNextOpeningIsTodayBeforeTheStartAndTomorrowAfterTheEnd() {
        assertThat(DAYTIME.nextOpening(at("2027-01-20T07:00"), SHANGHAI)).isEqualTo(at("2027-01-20T09:00"));
        assertThat(DAYTIME.nextOpening(at("2027-01-20T19:00"), SHANGHAI)).isEqualTo(at("2027-01-21T09:00"));
        assertThat(DAYTIME.nextOpening(at("2027-01-20T10:00"), SHANGHAI)).isEqualTo(at("2027-01-20T10:00"));
        assertThat(EVENING.nextOpening(at("2027-01-21T03:00"), SHANGHAI)).isEqualTo(at("2027-01-21T20:00"));
    }

    @Test
    void aWindowWithoutLengthIsRefused() {
        assertThatThrownBy(() -> new DailyWindow(LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant at(String localTime) {
        return OffsetDateTime.parse(localTime + ":00+08:00").toInstant();
    }
}
