package io.baifang.replies;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One customer reply as received.
 *
 * @param text        the reply as the customer typed it (null is read as an empty reply)
 * @param receivedAt  when it arrived; the reader's clock, read as Asia/Shanghai wall time
 * @param offeredDate the day the invitation proposed, or null
 * @param hasBooking  whether the customer already holds a booking
 */
public record Reply(String text, OffsetDateTime receivedAt, LocalDate offeredDate, boolean hasBooking) {

    public Reply {
        Objects.requireNonNull(receivedAt, "receivedAt");
        text = text == null ? "" : text;
    }

    /** A reply to an invitation that offered no particular day, from a customer without a booking. */
    public static Reply of(String text, OffsetDateTime receivedAt) {
        return new Reply(text, receivedAt, null, false);
    }
}
