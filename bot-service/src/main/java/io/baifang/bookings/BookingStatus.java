package io.baifang.bookings;

/**
 * Where a booked visit stands: {@code BOOKED} until the customer is checked in ({@code VISITED}), the booking
 * is cancelled ({@code CANCELLED}), or its day passes without a visit ({@code NO_SHOW}, marked when the customer
 * books again).
 */
enum BookingStatus {
    BOOKED, VISITED, CANCELLED, NO_SHOW
}
