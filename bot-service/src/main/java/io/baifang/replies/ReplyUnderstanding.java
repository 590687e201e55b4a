package io.baifang.replies;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The decision read from one reply. {@code date}, {@code time} and {@code partOfDay} describe the visit
 * agreed to ({@link Intent#BOOK}) or moved to ({@link Intent#RESCHEDULE}); for any other intent they are null.
 */
public record ReplyUnderstanding(Intent intent, LocalDate date, LocalTime time, PartOfDay partOfDay) {

    static ReplyUnderstanding only(Intent intent) {
        return new ReplyUnderstanding(intent, null, null, null);
    }
}
