package io.baifang.bookings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import io.baifang.replies.PartOfDay;

/**
 * A visit booked at the customer's branch, as stored. {@code time} and {@code partOfDay} may both be absent (the
 * day only); a time always comes with its part of the day.
 */
record Booking(
        UUID id,
        UUID customerId,
        String branch,
        LocalDate date,
        LocalTime time,
        PartOfDay partOfDay,
        BookingStatus status,
        UUID campaignId,
        String note,
        String outcome,
        boolean converted,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant checkedInAt,
        String checkedInBy) {
}
