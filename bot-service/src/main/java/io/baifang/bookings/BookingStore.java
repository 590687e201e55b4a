package io.baifang.bookings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.baifang.customers.CustomerCriteria;
import io.baifang.replies.PartOfDay;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code bookings} table (migration V17). A booking's status moves by conditional updates (only from
 * {@code BOOKED}), so two staff checking in or cancelling the same booking at once cannot both succeed; the unique
 * index on {@code standing_for} keeps one standing booking per customer.
 */
@Repository
class BookingStore {

    private static final String COLUMNS = "id, customer_id, branch_code, visit_date, visit_time, part_of_day, status, "
            + "campaign_id, note, outcome, converted, created_by, created_at, updated_at, checked_in_at, checked_in_by";

    private final DatabaseClient db;

    BookingStore(DatabaseClient db) {
        this.db = db;
    }

    /** The customers holding a booking still ahead on or after {@code from}, as a statement an audience nests. */
    static CustomerCriteria.IdQuery standingHolders(LocalDate from) {
        return new CustomerCriteria.IdQuery("select customer_id from bookings where status = 'BOOKED' "
                + "and visit_date >= :bk_standing_from", Map.of("bk_standing_from", from));
    }

    /** Stores a new booking; a second standing booking of the customer is a unique violation. */
    Mono<Void> insert(Booking booking) {
        GenericExecuteSpec spec = db.sql("insert into bookings (" + COLUMNS + ", standing_for) values (:id, "
                        + ":customerId, :branch, :date, :time, :partOfDay, :status, :campaignId, :note, null, false, "
                        + ":createdBy, :createdAt, :createdAt, null, null, :standingFor)")
                .bind("id", booking.id())
                .bind("customerId", booking.customerId())
                .bind("branch", booking.branch())
                .bind("date", booking.date())
                .bind("status", booking.status().name())
                .bind("createdBy", booking.createdBy())
                .bind("createdAt", offset(booking.createdAt()));
        spec = nullable(spec, "time", booking.time(), LocalTime.class);
        spec = nullable(spec, "partOfDay", booking.partOfDay() == null ? null : booking.partOfDay().name(), String.class);
        spec = nullable(spec, "campaignId", booking.campaignId(), UUID.class);
        spec = nullable(spec, "note", booking.note(), String.class);
        spec = nullable(spec, "standingFor", booking.status() == BookingStatus.BOOKED ? booking.customerId() : null,
                UUID.class);
        return spec.then();
    }

    Mono<Booking> find(UUID id) {
        return db.sql("select " + COLUMNS + " from bookings where id = :id")
                .bind("id", id)
                .map(BookingStore::bookingOf)
                .one();
    }

    /** The customer's standing booking (still {@code BOOKED}), if any, whatever its day. */
    Mono<Booking> standingOf(UUID customerId) {
        return db.sql("select " + COLUMNS + " from bookings where standing_for = :customerId")
                .bind("customerId", customerId)
                .map(BookingStore::bookingOf)
                .one();
    }

    /** A branch's bookings of one day, those with a time first in time order, then the rest as they were made. */
    Flux<Booking> ofDay(String branch, LocalDate date) {
        return db.sql("select " + COLUMNS + " from bookings where branch_code = :branch and visit_date = :date "
                        + "order by case when visit_time is null then 1 else 0 end, visit_time, created_at, id")
                .bind("branch", branch)
                .bind("date", date)
                .map(BookingStore::bookingOf)
                .all();
    }

    /** Marks the customer's standing booking of a day before {@code today} a no-show; whether there was one. */
    Mono<Boolean> markNoShow(UUID customerId, LocalDate today, Instant now) {
        return db.sql("update bookings set status = 'NO_SHOW', standing_for = null, updated_at = :now "
                        + "where standing_for = :customerId and visit_date < :today")
                .bind("customerId", customerId)
                .bind("today", today)
                .bind("now", offset(now))
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** Checks a visitor in, if the booking is still booked; whether it was. */
    Mono<Boolean> checkIn(UUID id, String outcome, boolean converted, String by, Instant now) {
        GenericExecuteSpec spec = db.sql("update bookings set status = 'VISITED', standing_for = null, "
                        + "outcome = :outcome, converted = :converted, checked_in_at = :now, checked_in_by = :by, "
                        + "updated_at = :now where id = :id and status = 'BOOKED'")
                .bind("id", id)
                .bind("converted", converted)
                .bind("by", by)
                .bind("now", offset(now));
        return nullable(spec, "outcome", outcome, String.class).fetch().rowsUpdated().map(updated -> updated > 0);
    }

    /** Cancels the booking, if it is still booked; whether it was. */
    Mono<Boolean> cancel(UUID id, Instant now) {
        return db.sql("update bookings set status = 'CANCELLED', standing_for = null, updated_at = :now "
                        + "where id = :id and status = 'BOOKED'")
                .bind("id", id)
                .bind("now", offset(now))
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    private static Booking bookingOf(Readable row) {
        String partOfDay = row.get("part_of_day", String.class);
        return new Booking(
                row.get("id", UUID.class),
                row.get("customer_id", UUID.class),
                row.get("branch_code", String.class),
                row.get("visit_date", LocalDate.class),
                row.get("visit_time", LocalTime.class),
                partOfDay == null ? null : PartOfDay.valueOf(partOfDay),
                BookingStatus.valueOf(row.get("status", String.class)),
                row.get("campaign_id", UUID.class),
                row.get("note", String.class),
                row.get("outcome", String.class),
                Boolean.TRUE.equals(row.get("converted", Boolean.class)),
                row.get("created_by", String.class),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)),
                instant(row.get("checked_in_at", OffsetDateTime.class)),
                row.get("checked_in_by", String.class));
    }

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static OffsetDateTime offset(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
