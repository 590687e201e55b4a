package io.baifang.bookings;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.baifang.customers.Customer;
import io.baifang.replies.PartOfDay;
import io.baifang.security.CurrentStaff;
import io.baifang.shared.BaifangProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Staff book a visit for a customer (after a call, or at the counter), see a day's bookings, check visitors in
 * and cancel. Bookings at branches outside the caller's are 404, as if they did not exist; naming such a branch
 * in a day's list is a 403.
 */
@RestController
@Validated
class BookingsController {

    private final Bookings bookings;
    private final CurrentStaff currentStaff;
    private final ZoneId zone;

    BookingsController(Bookings bookings, CurrentStaff currentStaff, BaifangProperties baifang) {
        this.bookings = bookings;
        this.currentStaff = currentStaff;
        this.zone = baifang.zone();
    }

    @PostMapping("/api/bookings")
    Mono<ResponseEntity<BookingView>> book(@Valid @RequestBody BookingRequest request) {
        return currentStaff.get()
                .flatMap(caller -> bookings.book(new Bookings.Request(request.customerId(), request.date(),
                        request.time(), request.partOfDay(), request.note(), request.campaignId()), caller))
                .map(booked -> ResponseEntity.created(URI.create("/api/bookings/" + booked.booking().id()))
                        .body(view(booked)));
    }

    /** The day's bookings ({@code date}, default today) at the branches named (default: all the caller's). */
    @GetMapping("/api/bookings")
    Flux<BookingView> ofDay(@RequestParam(required = false) Set<String> branch,
                            @RequestParam(required = false) LocalDate date) {
        return currentStaff.get()
                .flatMapMany(caller -> bookings.ofDay(branch == null ? Set.of() : branch, date, caller))
                .map(this::view);
    }

    @GetMapping("/api/bookings/{id}")
    Mono<BookingView> one(@PathVariable UUID id) {
        return currentStaff.get().flatMap(caller -> bookings.find(id, caller)).map(this::view);
    }

    /** The visitor came; the body ({@code outcome}, {@code converted}) may be left out. */
    @PostMapping("/api/bookings/{id}/check-in")
    Mono<BookingView> checkIn(@PathVariable UUID id, @Valid @RequestBody(required = false) CheckIn checkIn) {
        CheckIn given = checkIn == null ? new CheckIn(null, null) : checkIn;
        return currentStaff.get()
                .flatMap(caller -> bookings.checkIn(id, given.outcome(), Boolean.TRUE.equals(given.converted()), caller))
                .map(this::view);
    }

    @PostMapping("/api/bookings/{id}/cancel")
    Mono<BookingView> cancel(@PathVariable UUID id) {
        return currentStaff.get().flatMap(caller -> bookings.cancel(id, caller)).map(this::view);
    }

    private BookingView view(Bookings.Booked booked) {
        Booking booking = booked.booking();
        Customer customer = booked.customer();
        return new BookingView(booking.id(), booking.customerId(), customer == null ? null : customer.name(),
                customer == null ? null : customer.phone(), booking.branch(), booking.date(), booking.time(),
                booking.partOfDay(), booking.status().name(), booking.campaignId(), booking.note(), booking.outcome(),
                booking.converted(), booking.createdBy(), local(booking.createdAt()), local(booking.checkedInAt()),
                booking.checkedInBy());
    }

    private OffsetDateTime local(Instant at) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime();
    }

    /**
     * A visit to book: the customer, the day, optionally a clock time ({@code "10:00"}) or a part of the day
     * ({@code MORNING}, {@code NOON}, {@code AFTERNOON}, {@code EVENING}), a note, and the campaign that brought it.
     */
    record BookingRequest(
            @NotNull UUID customerId,
            @NotNull LocalDate date,
            LocalTime time,
            PartOfDay partOfDay,
            @Size(max = 500) String note,
            UUID campaignId) {
    }

    /** What came of the visit: free text ({@code 存款5万}) and whether it converted (for the funnel's rate). */
    record CheckIn(@Size(max = 200) String outcome, Boolean converted) {
    }

    /** A booking as the API shows it; times in the branches' zone. */
    record BookingView(
            UUID id,
            UUID customerId,
            String customerName,
            String phone,
            String branch,
            LocalDate date,
            LocalTime time,
            PartOfDay partOfDay,
            String status,
            UUID campaignId,
            String note,
            String outcome,
            boolean converted,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime checkedInAt,
            String checkedInBy) {
    }
}
