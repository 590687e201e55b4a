package io.baifang.bookings;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

import io.baifang.branches.OpeningHours;
import io.baifang.replies.PartOfDay;

/**
 * What may be done with a booking, as plain decisions: no Spring, no Reactor, no database (an ArchUnit test
 * keeps it so).
 */
final class BookingRules {

    private BookingRules() {
    }

    /** A slot asked for, or why it cannot be booked. */
    sealed interface SlotCheck {
        record Valid(LocalDate date, LocalTime time, PartOfDay partOfDay) implements SlotCheck {
        }

        record Invalid(String field, String message) implements SlotCheck {
        }
    }

    /**
     * A visit is booked for today or a later day on which the branch is open ({@code hours}: its hours that day,
     * empty when closed), at a time within its hours if a time is given; a clock time names its part of the day
     * (the one given must agree with it), and a part of the day may come alone.
     */
    static SlotCheck slot(LocalDate date, LocalTime time, PartOfDay partOfDay, LocalDate today,
                          Optional<OpeningHours> hours) {
        if (date == null) {
            return new SlotCheck.Invalid("date", "is required");
        }
        if (date.isBefore(today)) {
            return new SlotCheck.Invalid("date", "is before today (" + today + ")");
        }
        if (hours.isEmpty()) {
            return new SlotCheck.Invalid("date", "the branch is closed on " + date + " (" + date.getDayOfWeek() + ")");
        }
        if (time == null) {
            return new SlotCheck.Valid(date, null, partOfDay);
        }
        OpeningHours open = hours.get();
        if (time.isBefore(open.opens()) || !time.isBefore(open.closes())) {
            return new SlotCheck.Invalid("time", "the branch is open " + open.opens() + "–" + open.closes() + " on "
                    + date);
        }
        PartOfDay ofTime = PartOfDay.of(time);
        if (partOfDay != null && partOfDay != ofTime) {
            return new SlotCheck.Invalid("partOfDay", time + " is " + ofTime + ", not " + partOfDay);
        }
        return new SlotCheck.Valid(date, time, ofTime);
    }

    /** What a command does to a booking: the status it moves to, or why not. */
    sealed interface Transition {
        record Move(BookingStatus to) implements Transition {
        }

        record Refused(String detail) implements Transition {
        }
    }

    /** The visitor came: only a booking still booked is checked in (on its day or any other: people come early). */
    static Transition checkIn(Booking booking) {
        return switch (booking.status()) {
            case BOOKED -> new Transition.Move(BookingStatus.VISITED);
            case VISITED -> new Transition.Refused("the visit was already checked in at " + booking.checkedInAt());
            case CANCELLED -> new Transition.Refused("the booking was cancelled; book the visit again");
            case NO_SHOW -> new Transition.Refused("the booking lapsed (nobody came on " + booking.date()
                    + ") and the customer booked again; check in that booking");
        };
    }

    /** Only a booking still booked can be cancelled. */
    static Transition cancel(Booking booking) {
        return booking.status() == BookingStatus.BOOKED
                ? new Transition.Move(BookingStatus.CANCELLED)
                : new Transition.Refused("the booking is " + booking.status() + ", not BOOKED");
    }
}
