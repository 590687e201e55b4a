/**
 * Bookings: visits booked at a customer's branch, checked in when the customer comes.
 *
 * <p>How it is cut:
 * <ul>
 * <li>{@code BookingRules}: plain decisions (an ArchUnit test keeps Spring and Reactor out): a slot may be booked
 * (today or later, a day the branch is open, a time within its hours, a part of the day that agrees with the
 * time), a standing booking of a past day is a no-show, what check-in and cancel do to a status.</li>
 * <li>{@code BookingStore}: the {@code bookings} table (migration V17); statuses move by conditional updates;
 * one standing booking per customer by a unique index on {@code standing_for}.</li>
 * <li>{@code Bookings}: what staff do (book, a day's list, check in, cancel) and what other modules may ask:
 * {@code standingHolders}, the customers holding a booking still ahead, as a statement an audience nests
 * (campaigns to those with or without a booking).</li>
 * <li>{@code BookingsController}: {@code /api/bookings}.</li>
 * </ul>
 *
 * <p>Decisions made, for the reader: a customer holds at most one standing booking (a second is a 409 naming the
 * first; moving a booking is cancel and book again until replies book by themselves); a standing booking of a past
 * day becomes {@code NO_SHOW} when the customer books again; check-in is allowed on any day (people come early or
 * late) but only once. The branch's capacity per half hour ({@code config/branches.yml}) is not enforced yet.
 *
 * <p>Public: {@link io.baifang.bookings.Bookings#standingHolders}. Uses {@code customers}, {@code branches},
 * {@code replies} (the part of the day) and {@code security}.
 */
package io.baifang.bookings;
