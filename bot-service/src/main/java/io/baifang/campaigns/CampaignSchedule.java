package io.baifang.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a started campaign begins: at a time, or relative to a lunar holiday (09:00 two days before 春节, the
 * morning of 中秋, 除夕). Absent, a campaign begins when it is started.
 *
 * @param at         a fixed time; or
 * @param holiday    a holiday, with
 * @param daysBefore how many days before it (0: the day itself)
 * @param time       the local time on that day (in the branches' zone)
 */
record CampaignSchedule(OffsetDateTime at, Holiday holiday, Integer daysBefore, LocalTime time) {

    /**
     * The instant the campaign begins when started at {@code now}: the fixed time, or the next holiday whose
     * begin time is not past.
     */
    Instant beginsAt(Instant now, ZoneId zone) {
        if (at != null) {
            return at.toInstant();
        }
        int before = daysBefore == null ? 0 : daysBefore;
        LocalTime clock = time == null ? LocalTime.of(9, 0) : time;
        LocalDate from = now.atZone(zone).toLocalDate();
        for (int tries = 0; tries < 3; tries++) {
            LocalDate day = holiday.onOrAfter(from).minusDays(before);
            Instant begins = ZonedDateTime.of(day, clock, zone).toInstant();
            if (!begins.isBefore(now)) {
                return begins;
            }
            from = holiday.onOrAfter(from).plusDays(1);
        }
        throw new IllegalStateException("no " + holiday + " ahead of " + now);
    }
}
