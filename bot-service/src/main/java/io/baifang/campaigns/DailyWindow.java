package io.baifang.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The hours of the day a campaign sends in, local time of the branches' zone (e.g. 09:00–18:00, so greetings
 * reach customers during the day). A window whose start is after its end runs over midnight (20:00–02:00).
 * Outside it the campaign keeps its recipients pending and sends again when the window opens.
 */
record DailyWindow(LocalTime from, LocalTime to) {

    DailyWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a daily window needs a start and an end that differ");
        }
    }

    boolean isOpenAt(Instant at, ZoneId zone) {
        LocalTime time = at.atZone(zone).toLocalTime();
        return from.isBefore(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
    }

    /** When the window next opens after {@code at} (or {@code at} itself when it is open then). */
    Instant nextOpening(Instant at, ZoneId zone) {
        if (isOpenAt(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalTime().isBefore(from) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return day.atTime(from).atZone(zone).toInstant();
    }
}
