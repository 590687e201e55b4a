package io.baifang.bookings;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.baifang.shared.Problems;
import io.baifang.branches.Branch;
import io.baifang.branches.BranchNetwork;
import io.baifang.branches.OpeningHours;
import io.baifang.customers.Customer;
import io.baifang.customers.CustomerCriteria;
import io.baifang.customers.CustomerDirectory;
import io.baifang.replies.PartOfDay;
import io.baifang.security.StaffMember;
import io.baifang.shared.BaifangProperties;
import io.baifang.shared.IdGenerator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Visits booked at the branches: what staff do with them, and what other modules may ask ({@link
 * #standingHolders}). Days are the branches' ({@code baifang.zone}).
 */
@Service
public class Bookings {

    private final BookingStore store;
    private final CustomerDirectory customers;
    private final BranchNetwork branches;
    private final TransactionalOperator transaction;
    private final IdGenerator ids;
    private final Clock clock;
    private final ZoneId zone;

    Bookings(BookingStore store, CustomerDirectory customers, BranchNetwork branches, TransactionalOperator transaction,
             IdGenerator ids, Clock clock, BaifangProperties baifang) {
        this.store = store;
        this.customers = customers;
        this.branches = branches;
        this.transaction = transaction;
        this.ids = ids;
        this.clock = clock;
        this.zone = baifang.zone();
    }

    /**
     * The customers holding a booking whose day is {@code from} or later and who have not come yet, as a statement
     * an audience nests (a campaign to those with, or without, a booking).
     */
    public CustomerCriteria.IdQuery standingHolders(LocalDate from) {
        return BookingStore.standingHolders(from);
    }

    /** What staff ask for: a day, optionally a time or a part of the day, and where the booking came from. */
    record Request(UUID customerId, LocalDate date, LocalTime time, PartOfDay partOfDay, String note, UUID campaignId) {
    }

    /** A booking with the customer it is for (absent if the customer left the registry). */
    record Booked(Booking booking, Customer customer) {
    }

    /**
     * Books a visit at the customer's branch. A standing booking of an earlier day nobody came to becomes a
     * no-show; a standing booking still ahead is a 409 naming it (cancel it first, or check the customer in).
     */
    Mono<Booked> book(Request request, StaffMember caller) {
        return customers.findVisibleTo(request.customerId(), caller)
                .flatMap(customer -> {
                    LocalDate today = LocalDate.now(clock.withZone(zone));
                    Optional<OpeningHours> hours = branches.find(customer.branch())
                            .flatMap(branch -> branch.hoursOn(request.date() == null ? today : request.date()));
                    BookingRules.SlotCheck slot = BookingRules.slot(request.date(), request.time(),
                            request.partOfDay(), today, hours);
                    if (slot instanceof BookingRules.SlotCheck.Invalid invalid) {
                        return Mono.error(Problems.fieldError(invalid.field(), invalid.message()));
                    }
                    BookingRules.SlotCheck.Valid valid = (BookingRules.SlotCheck.Valid) slot;
                    Instant now = clock.instant();
                    Booking booking = new Booking(ids.next(), customer.id(), customer.branch(), valid.date(),
                            valid.time(), valid.partOfDay(), BookingStatus.BOOKED, request.campaignId(),
                            blankToNull(request.note()), null, false, caller.username(), now, now, null, null);
                    Mono<Void> stored = store.markNoShow(customer.id(), today, now).then(store.insert(booking));
                    return transaction.transactional(stored)
                            .onErrorResume(DataIntegrityViolationException.class,
                                    taken -> store.standingOf(customer.id())
                                            .flatMap(standing -> Mono.<Void>error(alreadyBooked(standing)))
                                            // the standing one ended between the refusal and this read
                                            .switchIfEmpty(Mono.error(() -> Problems.conflict("the customer's booking "
                                                    + "changed meanwhile; book again"))))
                            .then(store.find(booking.id()))
                            .map(found -> new Booked(found, customer));
                });
    }

    /**
     * The bookings of a day at the branches named (all the caller's when none is named), each with its customer;
     * a branch the caller does not work at is a 403.
     */
    Flux<Booked> ofDay(Set<String> named, LocalDate date, StaffMember caller) {
        for (String branch : named) {
            if (!branches.exists(branch)) {
                return Flux.error(Problems.fieldError("branch", "no branch " + branch));
            }
            if (!caller.mayAccess(branch)) {
                return Flux.error(new ResponseStatusException(HttpStatus.FORBIDDEN, branch + " is not one of your branches"));
            }
        }
        List<String> chosen = !named.isEmpty() ? List.copyOf(named)
                : caller.seesAllBranches() ? branches.all().stream().map(Branch::code).toList()
                : List.copyOf(caller.branches());
        LocalDate day = date == null ? LocalDate.now(clock.withZone(zone)) : date;
        return Flux.fromIterable(chosen.stream().sorted().toList())
                .concatMap(branch -> store.ofDay(branch, day))
                .collectList()
                .flatMapMany(found -> customers.findAll(found.stream().map(Booking::customerId).distinct().toList())
                        .collectMap(Customer::id)
                        .flatMapMany(byId -> Flux.fromIterable(found)
                                .map(booking -> new Booked(booking, byId.get(booking.customerId())))));
    }

    /** Checks the visitor in, optionally with what came of the visit; only a booking still booked. */
    Mono<Booked> checkIn(UUID id, String outcome, boolean converted, StaffMember caller) {
        return visible(id, caller).flatMap(booking -> moved(booking, BookingRules::checkIn,
                () -> store.checkIn(id, blankToNull(outcome), converted, caller.username(), clock.instant())));
    }

    /** Cancels a booking still booked. */
    Mono<Booked> cancel(UUID id, StaffMember caller) {
        return visible(id, caller).flatMap(booking -> moved(booking, BookingRules::cancel,
                () -> store.cancel(id, clock.instant())));
    }

    Mono<Booked> find(UUID id, StaffMember caller) {
        return visible(id, caller).flatMap(this::withCustomer);
    }

    /**
     * Applies a command the rule allows; the update is conditional, so when someone else moved the booking
     * meanwhile the answer is the rule's refusal of the booking as it is now.
     */
    private Mono<Booked> moved(Booking booking, Function<Booking, BookingRules.Transition> rule,
                               Supplier<Mono<Boolean>> move) {
        if (rule.apply(booking) instanceof BookingRules.Transition.Refused refused) {
            return Mono.error(Problems.conflict(refused.detail()));
        }
        return move.get().flatMap(done -> store.find(booking.id()).flatMap(now -> {
            if (done) {
                return withCustomer(now);
            }
            String detail = rule.apply(now) instanceof BookingRules.Transition.Refused refused ? refused.detail()
                    : "the booking changed meanwhile; read it again";
            return Mono.error(Problems.conflict(detail));
        }));
    }

    /** A booking at a branch the caller does not work at is a 404, as if it did not exist. */
    private Mono<Booking> visible(UUID id, StaffMember caller) {
        return store.find(id)
                .filter(booking -> caller.mayAccess(booking.branch()))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no booking " + id)));
    }

    private Mono<Booked> withCustomer(Booking booking) {
        return customers.find(booking.customerId())
                .map(customer -> new Booked(booking, customer))
                .defaultIfEmpty(new Booked(booking, null));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ErrorResponseException alreadyBooked(Booking standing) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the customer already holds "
                + "booking " + standing.id() + " on " + standing.date() + "; cancel it or check the customer in first");
        problem.setTitle("Already booked");
        problem.setProperty("bookingId", standing.id());
        problem.setProperty("date", standing.date());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
