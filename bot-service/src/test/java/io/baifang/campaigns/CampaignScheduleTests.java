package io.baifang.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignScheduleTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest(name = "{0} of lunar year {1} is {2}")
    @CsvSource({
            "SPRING_FESTIVAL, 2027, 2027-02-06",
            "NEW_YEARS_EVE, 2026, 2027-02-05",
            "NEW_YEARS_EVE, 2025, 2026-02-16",
            "LANTERN_FESTIVAL, 2027, 2027-02-20",
            "DRAGON_BOAT, 2027, 2027-06-09",
            "MID_AUTUMN, 2026, 2026-09-25",
            "MID_AUTUMN, 2027, 2027-09-15"})
    void datesEachHolidayByTheLunarCalendar(Holiday holiday, int lunarYear, LocalDate date) {
        assertThat(holiday.in(lunarYear)).isEqualTo(date);
    }

    @Test
    void nineOClockTwoDaysBeforeTheSpringFestivalIsTheFourthOfFebruary2027() {
        CampaignSchedule schedule = new CampaignSchedule(null, Holiday.SPRING_FESTIVAL, 2, LocalTime.of(9, 0));

        Instant begins = schedule.beginsAt(Instant.parse("2026-12-04T10:00:00Z"), SHANGHAI);

        assertThat(begins).isEqualTo(OffsetDateTime.parse("2027-02-04T09:00:00+08:00").toInstant());
    }

    @Test
    void aHolidayWhoseTimeHasPassedThisYearMeansNextYears() {
        CampaignSchedule morningOfMidAutumn = new CampaignSchedule(null, Holiday.MID_AUTUMN, 0, LocalTime.of(8, 0));

        Instant begins = morningOfMidAutumn.beginsAt(OffsetDateTime.parse("2026-09-25T10:00:00+08:00").toInstant(),
                SHANGHAI);

        assertThat(begins).isEqualTo(OffsetDateTime.parse("2027-09-15T08:00:00+08:00").toInstant());
    }

    @Test
    void theEveOfTheNewYearIsTheLastDayOfTheTwelfthMonth() {
        CampaignSchedule eve = new CampaignSchedule(null, Holiday.NEW_YEARS_EVE, null, null);

        Instant begins = eve.beginsAt(Instant.parse("2026-12-04T10:00:00Z"), SHANGHAI);

        assertThat(begins).isEqualTo(OffsetDateTime.parse("2027-02-05T09:00:00+08:00").toInstant());
    }

    @Test
    void aFixedTimeIsThatTime() {
        OffsetDateTime at = OffsetDateTime.parse("2026-12-24T10:30:00+08:00");
        assertThat(new CampaignSchedule(at, null, null, null).beginsAt(Instant.parse("2026-12-04T10:00:00Z"), SHANGHAI))
                .isEqualTo(at.toInstant());
    }
}
