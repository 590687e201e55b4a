package io.baifang.channels;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.baifang.shared.MultiRowStatements;
import io.baifang.shared.MultiRowStatements.Column;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code messages} and {@code message_status_history} tables (migration V4). Every call joins the
 * surrounding reactive transaction. A repeated provider id or a repeated status of one message is refused by
 * a unique index, which is what makes the provider reports idempotent even when two arrive at once.
 */
@Repository
class MessageStore {

    private static final String COLUMNS = "id, customer_id, direction, channel, provider, provider_message_id, "
            + "address, template_id, variant_id, text, encoding, segments, cost, currency, status, error_code, "
            + "contact_log_id, campaign_id, sent_by, send_attempts, next_attempt_at, announced_at, created_at, "
            + "updated_at";

    private static final String SELECT = "select " + COLUMNS + " from messages ";

    private static final List<Column> MESSAGE_COLUMNS = List.of(new Column("id", UUID.class),
            new Column("customer_id", UUID.class), new Column("direction", String.class),
            new Column("channel", String.class), new Column("provider", String.class),
            new Column("provider_message_id", String.class), new Column("address", String.class),
            new Column("template_id", String.class), new Column("variant_id", String.class),
            new Column("text", String.class), new Column("encoding", String.class),
            new Column("segments", Integer.class), new Column("cost", BigDecimal.class),
            new Column("currency", String.class), new Column("status", String.class),
            new Column("error_code", String.class), new Column("contact_log_id", UUID.class),
            new Column("campaign_id", String.class), new Column("sent_by", String.class),
            new Column("send_attempts", Integer.class), new Column("next_attempt_at", OffsetDateTime.class),
            new Column("announced_at", OffsetDateTime.class), new Column("created_at", OffsetDateTime.class),
            new Column("updated_at", OffsetDateTime.class));

    private static final List<Column> QUEUED_COLUMNS = withHandoverSliceColumn(MESSAGE_COLUMNS);

    private static final List<Column> HISTORY_COLUMNS = List.of(new Column("message_id", UUID.class),
            new Column("status", String.class), new Column("error_code", String.class),
            new Column("reported_at", OffsetDateTime.class), new Column("recorded_at", OffsetDateTime.class));

    private static final List<Column> CHANGE_COLUMNS = List.of(new Column("id", UUID.class),
            new Column("provider_message_id", String.class), new Column("status", String.class),
            new Column("error_code", String.class), new Column("status_rank", Integer.class),
            new Column("updated_at", OffsetDateTime.class));

    private final DatabaseClient db;

    MessageStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(MessageRow row) {
        GenericExecuteSpec insert = db.sql("insert into messages (" + COLUMNS + ") values (:id, :customerId, "
                + ":direction, :channel, :provider, :providerMessageId, :address, :templateId, :variantId, :text, "
                + ":encoding, :segments, :cost, :currency, :status, :errorCode, :contactLogId, :campaignId, :sentBy, "
                + ":sendAttempts, :nextAttemptAt, :announcedAt, :createdAt, :updatedAt)");
        insert = insert.bind("id", row.id());
        insert = nullable(insert, "customerId", row.customerId(), UUID.class);
        insert = insert.bind("direction", row.direction().name())
                .bind("channel", row.channel().name())
                .bind("provider", row.provider());
        insert = nullable(insert, "providerMessageId", row.providerMessageId(), String.class);
        insert = insert.bind("address", row.address());
        insert = nullable(insert, "templateId", row.templateId(), String.class);
        insert = nullable(insert, "variantId", row.variantId(), String.class);
        insert = insert.bind("text", row.text());
        insert = nullable(insert, "encoding", row.encoding(), String.class);
        insert = nullable(insert, "segments", row.segments(), Integer.class);
        insert = nullable(insert, "cost", row.cost(), BigDecimal.class);
        insert = nullable(insert, "currency", row.currency(), String.class);
        insert = insert.bind("status", row.status().name());
        insert = nullable(insert, "errorCode", row.errorCode(), String.class);
        insert = nullable(insert, "contactLogId", row.contactLogId(), UUID.class);
        insert = nullable(insert, "campaignId", row.campaignId(), String.class);
        insert = nullable(insert, "sentBy", row.sentBy(), String.class);
        insert = insert.bind("sendAttempts", row.sendAttempts());
        insert = nullable(insert, "nextAttemptAt", offset(row.nextAttemptAt()), OffsetDateTime.class);
        insert = nullable(insert, "announcedAt", offset(row.announcedAt()), OffsetDateTime.class);
        insert = insert.bind("createdAt", offset(row.createdAt()))
                .bind("updatedAt", offset(row.updatedAt()));
        return insert.then();
    }

    /**
     * Stores many queued outbound messages in one statement (a campaign batch; {@link MultiRowStatements}: one
     * array per column on PostgreSQL), each message with the hand-over slice it goes out in
     * ({@link #markHandedOver}). An id already stored fails the whole call on the primary key: nothing is stored
     * twice. Their history gets no {@code QUEUED} line: the row's creation is that step, and every read of a
     * history adds it back ({@link #withQueuedLine}); a line per message was a tenth of a campaign's database time.
     */
    Mono<Void> insertQueued(List<MessageRow> rows, Function<MessageRow, UUID> handoverSlice) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return MultiRowStatements.insert(db, "messages", QUEUED_COLUMNS, rows,
                row -> withHandoverSlice(valuesOf(row), handoverSlice.apply(row)));
    }

    /**
     * A slice of queued messages is about to be handed to its provider: one row says so. From then on the retry
     * sweep never takes its messages up by itself; the provider's answer, or its report, settles each.
     */
    Mono<Void> markHandedOver(UUID handoverSlice, Instant at) {
        return db.sql("insert into message_handovers (batch_id, handed_over_at) values (:slice, :at)")
                .bind("slice", handoverSlice)
                .bind("at", offset(at))
                .then();
    }

    /**
     * One queued message is about to be handed to its provider on its own (the retry sweep): it loses its next
     * attempt, so no sweep takes it up again by itself.
     */
    Mono<Void> markHandedOverAlone(UUID messageId) {
        return db.sql("update messages set next_attempt_at = null where id = :id and status = :queued")
                .bind("id", messageId)
                .bind("queued", DeliveryStatus.QUEUED.name())
                .then();
    }

    /** One status in a message's history, to be appended. */
    record HistoryLine(UUID messageId, DeliveryStatus status, String errorCode, Instant reportedAt,
                       Instant recordedAt) {
    }

    /** Appends many statuses in one statement; one a message's history already has fails the whole call. */
    Mono<Void> appendHistories(List<HistoryLine> lines) {
        return MultiRowStatements.insert(db, "message_status_history", HISTORY_COLUMNS, lines,
                line -> new Object[] {line.messageId(), line.status().name(), line.errorCode(),
                        offset(line.reportedAt()), offset(line.recordedAt())});
    }

    /**
     * Where an outbound or inbound message stands: what recording a batch of statuses needs to know of it, without
     * its text.
     */
    record Standing(UUID id, UUID customerId, String campaignId, MessageDirection direction, DeliveryStatus status,
                    String errorCode, String providerMessageId, java.util.Set<DeliveryStatus> history) {

        /** Where a message stored {@code QUEUED} a moment ago stands: no provider id yet, only that status. */
        static Standing queued(MessageRow row) {
            return new Standing(row.id(), row.customerId(), row.campaignId(), row.direction(), DeliveryStatus.QUEUED,
                    null, null, java.util.EnumSet.of(DeliveryStatus.QUEUED));
        }
    }

    /** Where each of these messages stands (those stored), its history's statuses included: two statements. */
    Mono<Map<UUID, Standing>> standingOf(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        Object keys = MultiRowStatements.keys(db, messageIds, UUID.class);
        Mono<Map<UUID, java.util.Set<DeliveryStatus>>> histories = db.sql("select message_id, status "
                        + "from message_status_history where " + MultiRowStatements.anyOf(db, "message_id", "ids"))
                .bind("ids", keys)
                .map(row -> Map.entry(row.get("message_id", UUID.class),
                        DeliveryStatus.valueOf(row.get("status", String.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue,
                                Collectors.toCollection(() -> java.util.EnumSet.noneOf(DeliveryStatus.class)))));
        return histories.flatMap(history -> db.sql("select id, customer_id, campaign_id, direction, status, "
                        + "error_code, provider_message_id from messages where " + MultiRowStatements.anyOf(db, "id", "ids"))
                .bind("ids", keys)
                .map(row -> {
                    UUID id = row.get("id", UUID.class);
                    return new Standing(id, row.get("customer_id", UUID.class), row.get("campaign_id", String.class),
                            MessageDirection.valueOf(row.get("direction", String.class)),
                            DeliveryStatus.valueOf(row.get("status", String.class)),
                            row.get("error_code", String.class), row.get("provider_message_id", String.class),
                            withQueuedStatus(MessageDirection.valueOf(row.get("direction", String.class)),
                                    history.getOrDefault(id, java.util.EnumSet.noneOf(DeliveryStatus.class))));
                })
                .all()
                .collectMap(Standing::id));
    }

    /**
     * What recording statuses changes of one message: the provider's id learnt ({@code null}: none), and the status
     * it moves to if that is further along than its own when the statement runs ({@code null}: none).
     */
    record Change(UUID messageId, String providerMessageId, DeliveryStatus status, String errorCode) {
    }

    /**
     * Applies many changes in one statement: a provider id is recorded once (a later one does not overwrite it),
     * a status only moves forward (as {@link #moveForward} does for one message). How many rows changed.
     */
    Mono<Long> applyChanges(List<Change> changes, Instant at) {
        String further = StatusOrder.rankExpression("t.status") + " < v.status_rank";
        return MultiRowStatements.update(db, "messages", CHANGE_COLUMNS, changes,
                change -> new Object[] {change.messageId(), change.providerMessageId(),
                        change.status() == null ? null : change.status().name(), change.errorCode(),
                        change.status() == null ? -1 : StatusOrder.rankOf(change.status()), offset(at)},
                "provider_message_id = coalesce(t.provider_message_id, v.provider_message_id), "
                        + "status = case when " + further + " then v.status else t.status end, "
                        + "error_code = case when " + further + " then coalesce(v.error_code, t.error_code) "
                        + "else t.error_code end, "
                        + "next_attempt_at = case when " + further + " then null else t.next_attempt_at end, "
                        + "updated_at = v.updated_at",
                "(t.provider_message_id is null and v.provider_message_id is not null) or " + further);
    }

    /** The current status of each of these messages that is stored (a campaign reconciling after a restart). */
    Flux<MessageRow> findAllById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(SELECT + "where " + MultiRowStatements.anyOf(db, "id", "ids"))
                .bind("ids", MultiRowStatements.keys(db, ids, UUID.class))
                .map(MessageStore::rowOf)
                .all();
    }

    Mono<MessageRow> findById(UUID id) {
        return db.sql(SELECT + "where id = :id").bind("id", id).map(MessageStore::rowOf).one();
    }

    Mono<MessageRow> findByProviderId(String provider, String providerMessageId) {
        return db.sql(SELECT + "where provider = :provider and provider_message_id = :providerId")
                .bind("provider", provider)
                .bind("providerId", providerMessageId)
                .map(MessageStore::rowOf)
                .one();
    }

    /** Appends one status to a message's history; a status the history already has is a unique violation. */
    Mono<Void> appendHistory(UUID messageId, DeliveryStatus status, String errorCode, Instant reportedAt,
                             Instant recordedAt) {
        GenericExecuteSpec insert = db.sql("insert into message_status_history "
                        + "(message_id, status, error_code, reported_at, recorded_at) "
                        + "values (:messageId, :status, :errorCode, :reportedAt, :recordedAt)")
                .bind("messageId", messageId)
                .bind("status", status.name());
        insert = nullable(insert, "errorCode", errorCode, String.class);
        return insert.bind("reportedAt", offset(reportedAt))
                .bind("recordedAt", offset(recordedAt))
                .then();
    }

    /** Whether the message's history has the status ({@code QUEUED}: every outbound message's first step). */
    Mono<Boolean> historyHas(UUID messageId, DeliveryStatus status) {
        String queuedOutbound = status == DeliveryStatus.QUEUED
                ? " or exists (select 1 from messages where id = :messageId and direction = 'OUTBOUND')" : "";
        return db.sql("select count(*) as n from message_status_history where message_id = :messageId "
                        + "and status = :status" + queuedOutbound)
                .bind("messageId", messageId)
                .bind("status", status.name())
                .map(row -> ((Number) row.get("n")).longValue() > 0)
                .one();
    }

    /**
     * Makes {@code status} the message's current status if it is further along than the one it has;
     * {@code false} when the message already got as far or further.
     */
    Mono<Boolean> moveForward(UUID messageId, DeliveryStatus status, String errorCode, Instant at) {
        List<String> behind = StatusOrder.overtakenBy(status).stream().map(Enum::name).toList();
        GenericExecuteSpec update = db.sql("update messages set status = :status, error_code = coalesce(:errorCode, "
                        + "error_code), next_attempt_at = null, updated_at = :at where id = :id and status in (:behind)")
                .bind("status", status.name());
        update = nullable(update, "errorCode", errorCode, String.class);
        return update.bind("at", offset(at))
                .bind("id", messageId)
                .bind("behind", behind)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** Records the provider's id of a message we sent (once: a later answer does not overwrite it). */
    Mono<Void> recordProviderId(UUID messageId, String providerMessageId, Instant at) {
        return db.sql("update messages set provider_message_id = :providerId, updated_at = :at "
                        + "where id = :id and provider_message_id is null")
                .bind("providerId", providerMessageId)
                .bind("at", offset(at))
                .bind("id", messageId)
                .then();
    }

    /** A queued message the provider asked us to try again: counts the attempt and says when to try next. */
    Mono<Void> recordRetry(UUID messageId, String errorCode, Instant nextAttemptAt, Instant at) {
        // the provider does not have it: out of its hand-over slice, so the retry sweep takes it up when due
        return db.sql("update messages set send_attempts = send_attempts + 1, error_code = :errorCode, "
                        + "next_attempt_at = :next, handover_batch = null, updated_at = :at "
                        + "where id = :id and status = :queued")
                .bind("errorCode", errorCode)
                .bind("next", offset(nextAttemptAt))
                .bind("at", offset(at))
                .bind("id", messageId)
                .bind("queued", DeliveryStatus.QUEUED.name())
                .then();
    }

    /** A deferred message the policy has now allowed: it carries its contact from here on. */
    Mono<Void> recordDecision(UUID messageId, UUID contactLogId, Instant at) {
        return db.sql("update messages set contact_log_id = :contact, error_code = null, updated_at = :at "
                        + "where id = :id and status = :queued and contact_log_id is null")
                .bind("contact", contactLogId)
                .bind("at", offset(at))
                .bind("id", messageId)
                .bind("queued", DeliveryStatus.QUEUED.name())
                .then();
    }

    /** A deferred message the policy deferred again: due at {@code until}, with the reason it waits. */
    Mono<Void> deferAgain(UUID messageId, Instant until, String reason, Instant at) {
        return db.sql("update messages set next_attempt_at = :until, error_code = :reason, updated_at = :at "
                        + "where id = :id and status = :queued and contact_log_id is null")
                .bind("until", offset(until))
                .bind("reason", reason)
                .bind("at", offset(at))
                .bind("id", messageId)
                .bind("queued", DeliveryStatus.QUEUED.name())
                .then();
    }

    /** A page of a customer's messages, both directions, oldest first, each with its history. */
    Flux<StoredMessage> threadOf(UUID customerId, int page, int size) {
        return db.sql(SELECT + "where customer_id = :customer order by created_at, id limit :limit offset :offset")
                .bind("customer", customerId)
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(MessageStore::rowOf)
                .all()
                .collectList()
                .flatMap(rows -> historiesOf(rows).map(histories -> withHistories(rows, histories)))
                .flatMapIterable(list -> list);
    }

    /** The newest {@code limit} of a customer's messages on one channel, oldest first, each with its history. */
    Flux<StoredMessage> recentOn(UUID customerId, ChannelKind channel, int limit) {
        return db.sql(SELECT + "where customer_id = :customer and channel = :channel "
                        + "order by created_at desc, id desc limit :limit")
                .bind("customer", customerId)
                .bind("channel", channel.name())
                .bind("limit", limit)
                .map(MessageStore::rowOf)
                .all()
                .collectList()
                .map(MessageStore::oldestFirst)
                .flatMap(rows -> historiesOf(rows).map(histories -> withHistories(rows, histories)))
                .flatMapIterable(list -> list);
    }

    Mono<Long> countFor(UUID customerId) {
        return db.sql("select count(*) as n from messages where customer_id = :customer")
                .bind("customer", customerId)
                .map(row -> ((Number) row.get("n")).longValue())
                .one();
    }

    private Mono<Map<UUID, List<StatusChange>>> historiesOf(List<MessageRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select message_id, status, error_code, reported_at, recorded_at from message_status_history "
                        + "where message_id in (:ids)")
                .bind("ids", rows.stream().map(MessageRow::id).toList())
                .map(MessageStore::historyRowOf)
                .all()
                .collectList()
                .map(MessageStore::byMessage);
    }

    Mono<StoredMessage> withHistory(MessageRow row) {
        return db.sql("select message_id, status, error_code, reported_at, recorded_at from message_status_history "
                        + "where message_id = :id")
                .bind("id", row.id())
                .map(MessageStore::historyRowOf)
                .all()
                .collectList()
                .map(found -> row.withoutHistory().withHistory(withQueuedLine(row, inOrder(found))));
    }

    /**
     * Outbound messages still queued whose next try is due: the retry sweep's work. A message of a slice handed
     * over to its provider is not among them (its outcome is unknown: only the provider's report settles it).
     */
    Flux<MessageRow> queuedDue(Instant now, int limit) {
        // status and direction written as literals: PostgreSQL's partial index of queued messages (V12) serves only
        // a plan that sees them, and a prepared statement's generic plan sees no parameter's value
        return db.sql(SELECT + "where status = '" + DeliveryStatus.QUEUED.name() + "' and direction = '"
                        + MessageDirection.OUTBOUND.name() + "' and next_attempt_at <= :now "
                        + "and (handover_batch is null or not exists (select 1 from message_handovers h "
                        + "where h.batch_id = messages.handover_batch)) order by next_attempt_at, id limit :limit")
                .bind("now", offset(now))
                .bind("limit", limit)
                .map(MessageStore::rowOf)
                .all();
    }

    /**
     * Claims a due queued message for one try by pushing its next try to {@code leaseUntil}; {@code false}
     * when another instance (or the request still sending it) got there first.
     */
    Mono<Boolean> claim(MessageRow due, Instant leaseUntil) {
        return db.sql("update messages set next_attempt_at = :lease where id = :id and status = :queued "
                        + "and next_attempt_at = :seen")
                .bind("lease", offset(leaseUntil))
                .bind("id", due.id())
                .bind("queued", DeliveryStatus.QUEUED.name())
                .bind("seen", offset(due.nextAttemptAt()))
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** Inbound messages stored before {@code before} and not announced yet: the sweeper's work. */
    Flux<MessageRow> unannouncedInbound(Instant before, int limit) {
        // literals, for PostgreSQL's partial index of unannounced inbound messages (V12), as in queuedDue
        return db.sql(SELECT + "where status = '" + DeliveryStatus.RECEIVED.name() + "' and direction = '"
                        + MessageDirection.INBOUND.name() + "' and announced_at is null "
                        + "and created_at < :before order by created_at, id limit :limit")
                .bind("before", offset(before))
                .bind("limit", limit)
                .map(MessageStore::rowOf)
                .all();
    }

    Mono<Void> markAnnounced(UUID messageId, Instant at) {
        return db.sql("update messages set announced_at = :at where id = :id and announced_at is null")
                .bind("at", offset(at))
                .bind("id", messageId)
                .then();
    }

    // --- rows

    private static List<Column> withHandoverSliceColumn(List<Column> columns) {
        List<Column> all = new ArrayList<>(columns);
        all.add(new Column("handover_batch", UUID.class));
        return List.copyOf(all);
    }

    private static Object[] withHandoverSlice(Object[] values, UUID slice) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = slice;
        return all;
    }

    private static Object[] valuesOf(MessageRow row) {
        return new Object[] {row.id(), row.customerId(), row.direction().name(), row.channel().name(), row.provider(),
                row.providerMessageId(), row.address(), row.templateId(), row.variantId(), row.text(), row.encoding(),
                row.segments(), row.cost(), row.currency(), row.status().name(), row.errorCode(), row.contactLogId(),
                row.campaignId(), row.sentBy(), row.sendAttempts(), offset(row.nextAttemptAt()),
                offset(row.announcedAt()), offset(row.createdAt()), offset(row.updatedAt())};
    }

    private record HistoryRow(UUID messageId, StatusChange change, Instant recordedAt) {
    }

    private static Map<UUID, List<StatusChange>> byMessage(List<HistoryRow> rows) {
        return rows.stream().collect(Collectors.groupingBy(HistoryRow::messageId,
                Collectors.collectingAndThen(Collectors.toList(), MessageStore::inOrder)));
    }

    /** In the order recorded; a tie (one clock tick) goes by how far along the status is. */
    private static List<StatusChange> inOrder(Collection<HistoryRow> rows) {
        return rows.stream()
                .sorted(Comparator.comparing(HistoryRow::recordedAt)
                        .thenComparing(row -> StatusOrder.rankOf(row.change().status())))
                .map(HistoryRow::change)
                .toList();
    }

    private static List<MessageRow> oldestFirst(List<MessageRow> newestFirst) {
        List<MessageRow> rows = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(rows);
        return rows;
    }

    private static List<StoredMessage> withHistories(List<MessageRow> rows, Map<UUID, List<StatusChange>> histories) {
        List<StoredMessage> messages = new ArrayList<>(rows.size());
        for (MessageRow row : rows) {
            messages.add(row.withoutHistory().withHistory(withQueuedLine(row, histories.getOrDefault(row.id(),
                    List.of()))));
        }
        return messages;
    }

    /**
     * Every outbound message was {@code QUEUED} when its row was created; a campaign's messages keep that step in
     * the row alone ({@link #insertQueued}), others in a history line too (with an error code when it waited for
     * something). The history as read has it once, first.
     */
    private static List<StatusChange> withQueuedLine(MessageRow row, List<StatusChange> stored) {
        if (row.direction() != MessageDirection.OUTBOUND
                || stored.stream().anyMatch(change -> change.status() == DeliveryStatus.QUEUED)) {
            return stored;
        }
        List<StatusChange> history = new ArrayList<>(stored.size() + 1);
        history.add(new StatusChange(DeliveryStatus.QUEUED, null, row.createdAt()));
        history.addAll(stored);
        return history;
    }

    private static java.util.Set<DeliveryStatus> withQueuedStatus(MessageDirection direction,
                                                                 java.util.Set<DeliveryStatus> stored) {
        if (direction == MessageDirection.OUTBOUND) {
            stored.add(DeliveryStatus.QUEUED);
        }
        return stored;
    }

    private static HistoryRow historyRowOf(Readable row) {
        return new HistoryRow(
                row.get("message_id", UUID.class),
                new StatusChange(DeliveryStatus.valueOf(row.get("status", String.class)),
                        row.get("error_code", String.class),
                        instant(row.get("reported_at", OffsetDateTime.class))),
                instant(row.get("recorded_at", OffsetDateTime.class)));
    }

    private static MessageRow rowOf(Readable row) {
        Integer attempts = row.get("send_attempts", Integer.class);
        return new MessageRow(
                row.get("id", UUID.class),
                row.get("customer_id", UUID.class),
                MessageDirection.valueOf(row.get("direction", String.class)),
                ChannelKind.valueOf(row.get("channel", String.class)),
                row.get("provider", String.class),
                row.get("provider_message_id", String.class),
                row.get("address", String.class),
                row.get("template_id", String.class),
                row.get("variant_id", String.class),
                row.get("text", String.class),
                row.get("encoding", String.class),
                row.get("segments", Integer.class),
                row.get("cost", BigDecimal.class),
                row.get("currency", String.class),
                DeliveryStatus.valueOf(row.get("status", String.class)),
                row.get("error_code", String.class),
                row.get("contact_log_id", UUID.class),
                row.get("campaign_id", String.class),
                row.get("sent_by", String.class),
                attempts == null ? 0 : attempts,
                instant(row.get("next_attempt_at", OffsetDateTime.class)),
                instant(row.get("announced_at", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)));
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
