package io.baifang.contactpolicy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * No marketing from {@code start} to {@code end} local time in {@code zone} (default 21:00–08:00,
 * Asia/Shanghai). The span may cross midnight. A message in quiet hours is deferred to their end.
 */
public record QuietHours(String id, boolean enabled, LocalTime start, LocalTime end, ZoneId zone) {

    /** When quiet hours that hold at {@code at} end, or empty when {@code at} is not in quiet hours. */
    Optional<Instant> endOfQuietHoursAt(Instant at) {
        if (!enabled) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean crossesMidnight = start.isAfter(end);
        if (crossesMidnight && !time.isBefore(start)) {
            return Optional.of(atEnd(local.plusDays(1)));
        }
        if (crossesMidnight ? time.isBefore(end) : !time.isBefore(start) && time.isBefore(end)) {
            return Optional.of(atEnd(local));
        }
        return Optional.empty();
    }

    /** {@code at} itself, or the end of the quiet hours it falls in. */
    Instant firstAllowedFrom(Instant at) {
        return endOfQuietHoursAt(at).orElse(at);
    }

    private Instant atEnd(ZonedDateTime day) {
        // LocalDateTime.atZone moves a time in a DST gap forward instead of failing
        return day.toLocalDate().atTime(end).atZone(zone).toInstant();
    }

    QuietHours withEnabled(boolean enabled) {
        return new QuietHours(id, enabled, start, end, zone);
    }
}
