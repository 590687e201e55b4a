package io.baifang.replies;

import java.time.LocalTime;

/** The part of the day a visit is meant for. */
public enum PartOfDay {
    MORNING(LocalTime.NOON),
    NOON(LocalTime.of(13, 0)),
    AFTERNOON(LocalTime.of(18, 0)),
    EVENING(LocalTime.MAX);

    private final LocalTime end;

    PartOfDay(LocalTime end) {
        this.end = end;
    }

    /** The part a clock time falls in: before 12:00 morning, 12:xx noon, until 18:00 afternoon. */
    public static PartOfDay of(LocalTime time) {
        int hour = time.getHour();
        if (hour < 12) {
            return MORNING;
        }
        if (hour == 12) {
            return NOON;
        }
        return hour < 18 ? AFTERNOON : EVENING;
    }

    /** Whether this part of the day is over at the given wall-clock time. */
    boolean hasEndedAt(LocalTime time) {
        return this != EVENING && !time.isBefore(end);
    }
}
