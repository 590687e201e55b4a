package io.baifang.replies;

import java.time.LocalTime;

/**
 * A clock time as written: 3点 is hour 3, whose afternoon reading depends on the words around it.
 *
 * @param minute   minutes past the hour, negative for minutes to it (8点差10分 is hour 8, minute -10)
 * @param meridiem 'a' for am, 'p' for pm, or 0 when the text did not say
 */
record ClockReading(int hour, int minute, char meridiem) {

    /** The wall-clock time meant, given the part of the day named with it (null when none). */
    LocalTime resolve(PartOfDay part) {
        int h = hour;
        if (meridiem == 'p' && h < 12) {
            h += 12;
        } else if (meridiem == 'a' && h == 12) {
            h = 0;
        } else if (meridiem == 0) {
            h = withPartOfDay(h, part);
        }
        return LocalTime.of(h % 24, 0).plusMinutes(minute);
    }

    private static int withPartOfDay(int hour, PartOfDay part) {
        if (part == null) {
            // a bare 1–7 is afternoon or evening, nobody visits a branch at 3 in the night
            return hour >= 1 && hour <= 7 ? hour + 12 : hour;
        }
        switch (part) {
            case NOON:
                return hour >= 1 && hour <= 5 ? hour + 12 : hour;
            case AFTERNOON:
            case EVENING:
                return hour <= 11 ? hour + 12 : hour;
            default:
                return hour;
        }
    }
}
