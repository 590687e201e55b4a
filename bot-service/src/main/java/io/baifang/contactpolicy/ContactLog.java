package io.baifang.contactpolicy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import io.baifang.shared.MultiRowStatements;
import io.baifang.shared.MultiRowStatements.Column;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The contact log in the database ({@code contact_log}, migrations V3 and V7). Many decisions are written in one
 * statement: campaigns log thousands at once, and an R2DBC batch costs a round trip per row on PostgreSQL.
 * On PostgreSQL each column travels as one array read back with {@code unnest(…)} (a handful of parameters
 * per thousand rows); H2 gets {@code INSERT … VALUES (…),(…)} ({@link MultiRowStatements}).
 */
final class ContactLog {

    private static final int RECOVERY_FETCH_SIZE = 1_000;

    /** Customers named in one statement that marks ended holds. */
    private static final int HOLDS_PER_STATEMENT = 1_000;

    private static final List<Column> COLUMNS = List.of(
            new Column("id", UUID.class),
            new Column("customer_id", UUID.class),
            new Column("channel", String.class),
            new Column("category", String.class),
            new Column("campaign_id", String.class),
            new Column("campaign_wave", Integer.class),
            new Column("campaign_priority", Integer.class),
            new Column("template_id", String.class),
            new Column("provider", String.class),
            new Column("signature", String.class),
            new Column("decision", String.class),
            new Column("rule_id", String.class),
            new Column("next_allowed_at", OffsetDateTime.class),
            new Column("note", String.class),
            new Column("recorded_by", String.class),
            new Column("recorded_at", OffsetDateTime.class),
            new Column("released_at", OffsetDateTime.class),
            new Column("planned_at", OffsetDateTime.class),
            new Column("release_reason", String.class));

    /** Why a line was released (column {@code release_reason}). */
    enum ReleaseReason {
        /** the provider rejected an allowed message */
        REJECTED,
        /** the wave was cancelled before its send */
        CANCELLED,
        /** the wave's send used the hold */
        USED,
        /** a higher-priority campaign took the slot */
        DISPLACED,
        /** unused past its grace */
        LAPSED
    }

    /** A hold that ended, by customer and the hold as the counters kept it. */
    record EndedHold(UUID customerId, CountedContact hold) {
    }

    private static final String SELECT = "select " + names() + " from contact_log ";

    private final DatabaseClient db;

    ContactLog(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> record(ContactLogEntry entry) {
        return recordAll(List.of(entry));
    }

    /** Writes every entry in as few statements as the database allows (one on PostgreSQL). */
    Mono<Void> recordAll(List<ContactLogEntry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        return MultiRowStatements.insert(db, "contact_log", COLUMNS, entries, ContactLog::valuesOf);
    }

    /** A customer's log, newest first. */
    Flux<ContactLogEntry> newestFirstFor(UUID customerId, int page, int size) {
        return db.sql(SELECT + "where customer_id = :customer order by recorded_at desc, id desc "
                        + "limit :limit offset :offset")
                .bind("customer", customerId)
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(ContactLog::entryOf)
                .all();
    }

    Mono<Long> countFor(UUID customerId) {
        return db.sql("select count(*) as n from contact_log where customer_id = :customer")
                .bind("customer", customerId)
                .map(row -> ((Number) row.get("n")).longValue())
                .one();
    }

    Mono<ContactLogEntry> find(UUID id) {
        return db.sql(SELECT + "where id = :id")
                .bind("id", id)
                .map(ContactLog::entryOf)
                .one();
    }

    /**
     * Every contact allowed after {@code since} and not released, and every hold planned after it that still
     * stands (neither released, used, displaced nor lapsed, as far as the log was told): what the counters
     * must remember. Ordered by customer, so recovery can rebuild one customer at a time while the rows stream in; read in pages of
     * {@link #RECOVERY_FETCH_SIZE} rows where the driver supports it (PostgreSQL), so the database does not
     * push a month of contacts at once.
     */
    /**
     * The customers with a marketing contact (message, staff call or visit) allowed at or after {@code since} and
     * not released, as a statement an audience nests: "last contacted before" is every customer it does not
     * select.
     */
    static io.baifang.customers.CustomerCriteria.IdQuery marketingContactedSince(Instant since) {
        return new io.baifang.customers.CustomerCriteria.IdQuery("select customer_id from contact_log "
                + "where decision = 'ALLOWED' and category = 'MARKETING' and released_at is null "
                + "and recorded_at >= :cl_contacted_since",
                Map.of("cl_contacted_since", since.atOffset(ZoneOffset.UTC)));
    }

    Flux<PastContact> allowedSince(Instant since) {
        return db.sql(SELECT + "where released_at is null and ((decision = :allowed and recorded_at > :since) "
                        + "or (decision = :held and planned_at > :since)) "
                        + "order by customer_id, recorded_at")
                .bind("allowed", ContactLogEntry.ALLOWED)
                .bind("held", ContactLogEntry.HELD)
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .filter(statement -> statement.fetchSize(RECOVERY_FETCH_SIZE))
                .map(ContactLog::entryOf)
                .all()
                .map(ContactLogEntry::asPastContact);
    }

    /**
     * The holds a campaign wave placed for its send at {@code plannedAt} that still stand, streamed (found
     * through the index on decision and planned time; read in pages of {@link #RECOVERY_FETCH_SIZE} rows where
     * the driver supports it).
     */
    Flux<PastContact> standingHolds(String campaignId, int wave, Instant plannedAt) {
        // 'HELD' as a literal: PostgreSQL's partial index of holds (V12) serves only a plan that sees it
        return db.sql(SELECT + "where decision = '" + ContactLogEntry.HELD + "' and planned_at = :plannedAt "
                        + "and campaign_id = :campaign and campaign_wave = :wave and released_at is null")
                // a hold's line keeps its planned time as the counters do, to the millisecond
                .bind("plannedAt", Instant.ofEpochMilli(plannedAt.toEpochMilli()).atOffset(ZoneOffset.UTC))
                .bind("campaign", campaignId)
                .bind("wave", wave)
                .filter(statement -> statement.fetchSize(RECOVERY_FETCH_SIZE))
                .map(ContactLog::entryOf)
                .all()
                .map(ContactLogEntry::asPastContact);
    }

    /** The allowed, unreleased lines of a campaign wave for these customers (one statement). */
    Flux<ContactLogEntry> countedForWave(String campaignId, int wave, List<UUID> customerIds) {
        return db.sql(SELECT + "where " + MultiRowStatements.anyOf(db, "customer_id", "customers")
                        + " and decision = :allowed and released_at is null and campaign_id = :campaign "
                        + "and campaign_wave = :wave")
                .bind("customers", MultiRowStatements.keys(db, customerIds, UUID.class))
                .bind("allowed", ContactLogEntry.ALLOWED)
                .bind("campaign", campaignId)
                .bind("wave", wave)
                .map(ContactLog::entryOf)
                .all();
    }

    /** Marks an allowed entry released; false when it was not allowed or already released (release once). */
    Mono<Boolean> markReleased(UUID id, Instant at) {
        return db.sql("update contact_log set released_at = :at, release_reason = :reason "
                        + "where id = :id and decision = :allowed and released_at is null")
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("reason", ReleaseReason.REJECTED.name())
                .bind("id", id)
                .bind("allowed", ContactLogEntry.ALLOWED)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /**
     * Marks the lines of holds that ended, one statement per campaign wave (a campaign batch is usually one
     * wave, so a thousand sends that used their holds are one update). A hold is found by customer and wave:
     * the wave cap keeps one hold per customer and wave. Answers how many lines were marked.
     */
    Mono<Long> markHoldsEnded(List<EndedHold> ended, ReleaseReason reason, Instant at) {
        Map<CampaignWave, List<UUID>> byWave = new LinkedHashMap<>();
        ended.forEach(hold -> byWave.computeIfAbsent(CampaignWave.ofCounted(hold.hold()).withPriority(0),
                wave -> new ArrayList<>()).add(hold.customerId()));
        return Flux.fromIterable(byWave.entrySet())
                .concatMap(wave -> Flux.fromIterable(wave.getValue())
                        .buffer(HOLDS_PER_STATEMENT)
                        .concatMap(customers -> markHoldsOfWave(wave.getKey(), customers, reason, at)))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> markHoldsOfWave(CampaignWave wave, List<UUID> customers, ReleaseReason reason, Instant at) {
        StringJoiner in = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < customers.size(); i++) {
            in.add(":c" + i);
        }
        DatabaseClient.GenericExecuteSpec update = db.sql("update contact_log set released_at = :at, "
                        + "release_reason = :reason where decision = :held and released_at is null "
                        + "and campaign_id = :campaign and campaign_wave = :wave and customer_id in " + in)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("reason", reason.name())
                .bind("held", ContactLogEntry.HELD)
                .bind("campaign", wave.campaignId())
                .bind("wave", wave.wave());
        for (int i = 0; i < customers.size(); i++) {
            update = update.bind("c" + i, customers.get(i));
        }
        return update.fetch().rowsUpdated();
    }

    /** Marks the holds planned at or before {@code plannedBy} that nothing used or released: they lapsed. */
    Mono<Long> markLapsedHolds(Instant plannedBy, Instant at) {
        return db.sql("update contact_log set released_at = :at, release_reason = :reason "
                        + "where decision = '" + ContactLogEntry.HELD + "' and released_at is null "
                        + "and planned_at <= :plannedBy")
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("reason", ReleaseReason.LAPSED.name())
                .bind("plannedBy", plannedBy.atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated();
    }

    private static ContactLogEntry entryOf(Readable row) {
        return new ContactLogEntry(
                row.get("id", UUID.class),
                row.get("customer_id", UUID.class),
                Channel.valueOf(row.get("channel", String.class)),
                ContactCategory.valueOf(row.get("category", String.class)),
                row.get("campaign_id", String.class),
                row.get("campaign_wave", Integer.class),
                row.get("campaign_priority", Integer.class),
                row.get("template_id", String.class),
                row.get("provider", String.class),
                row.get("signature", String.class),
                row.get("decision", String.class),
                row.get("rule_id", String.class),
                instant(row.get("next_allowed_at", OffsetDateTime.class)),
                row.get("note", String.class),
                row.get("recorded_by", String.class),
                instant(row.get("recorded_at", OffsetDateTime.class)),
                instant(row.get("released_at", OffsetDateTime.class)),
                instant(row.get("planned_at", OffsetDateTime.class)),
                row.get("release_reason", String.class));
    }

    private static Object[] valuesOf(ContactLogEntry entry) {
        return new Object[] {entry.id(), entry.customerId(), entry.channel().name(), entry.category().name(),
                entry.campaignId(), entry.campaignWave(), entry.campaignPriority(), entry.templateId(),
                entry.provider(), entry.signature(), entry.decision(), entry.rule(),
                offset(entry.nextAllowedAt()), entry.note(), entry.recordedBy(), offset(entry.recordedAt()),
                offset(entry.releasedAt()), offset(entry.plannedAt()), entry.releaseReason()};
    }

    private static String names() {
        StringJoiner names = new StringJoiner(", ");
        COLUMNS.forEach(column -> names.add(column.name()));
        return names.toString();
    }

    private static OffsetDateTime offset(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
