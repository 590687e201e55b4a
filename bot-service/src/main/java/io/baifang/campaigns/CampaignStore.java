package io.baifang.campaigns;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.baifang.customers.CustomerCriteria;
import io.baifang.security.StaffMember;
import io.baifang.shared.MultiRowStatements;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code campaigns}, {@code campaign_branches} and {@code campaign_recipients} tables (migration V8).
 * Every write for recipients is set-based: the audience goes in with one {@code INSERT … SELECT}, a batch is
 * claimed with one {@code UPDATE}, and its outcomes go back in one {@code UPDATE} per distinct outcome. Every
 * call joins the surrounding reactive transaction.
 */
@Repository
class CampaignStore {

    private static final String COLUMNS = "id, definition, status, wave, start_at, created_by, created_at, "
            + "updated_at, started_at, finished_at";

    /** A recipient of the previous wave a follow-up goes to: its message went out, and no reply came. */
    private static final String NOT_REPLIED_AFTER_SENT = "state in ('SENT', 'DELIVERED') and replied_at is null";

    /** Rows a dispatcher may claim: waiting, and due. */
    /** Due: every PENDING and DEFERRED row carries the time it comes due (V9 indexes them by it). */
    private static final String CLAIMABLE = "state in ('PENDING', 'DEFERRED') and next_attempt_at <= :now";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final TransactionalOperator transaction;

    CampaignStore(DatabaseClient db, JsonMapper json, TransactionalOperator transaction) {
        this.db = db;
        this.json = json;
        this.transaction = transaction;
    }

    // --- campaigns

    Mono<Void> insert(Campaign campaign) {
        CampaignDefinition definition = campaign.definition();
        Mono<Void> row = db.sql("insert into campaigns (id, name, kind, priority, definition, status, wave, start_at, "
                        + "rate_per_second, created_by, created_at, updated_at) values (:id, :name, :kind, :priority, "
                        + ":definition, :status, :wave, null, :rate, :createdBy, :createdAt, :updatedAt)")
                .bind("id", campaign.id())
                .bind("name", definition.name())
                .bind("kind", definition.kind().name())
                .bind("priority", definition.priority())
                .bind("definition", json.writeValueAsString(definition))
                .bind("status", campaign.status().name())
                .bind("wave", campaign.wave())
                .bind("rate", definition.ratePerSecond())
                .bind("createdBy", campaign.createdBy())
                .bind("createdAt", offset(campaign.createdAt()))
                .bind("updatedAt", offset(campaign.updatedAt()))
                .then();
        Flux<Void> branches = Flux.fromIterable(definition.audience().branches())
                .concatMap(branch -> db.sql("insert into campaign_branches (campaign_id, branch_code) "
                                + "values (:id, :branch)")
                        .bind("id", campaign.id())
                        .bind("branch", branch)
                        .then());
        return row.thenMany(branches).then();
    }

    Mono<Campaign> find(UUID id) {
        return db.sql("select " + COLUMNS + " from campaigns where id = :id")
                .bind("id", id)
                .map(this::campaignOf)
                .one();
    }

    /** A page of the campaigns the caller may see, newest first. */
    Flux<Campaign> pageVisibleTo(StaffMember caller, int page, int size) {
        return visibleTo(db.sql("select " + COLUMNS + " from campaigns c where " + visibility(caller)
                + " order by created_at desc, id limit " + size + " offset " + ((long) page * size)), caller)
                .map(this::campaignOf)
                .all();
    }

    Mono<Long> countVisibleTo(StaffMember caller) {
        return visibleTo(db.sql("select count(*) as n from campaigns c where " + visibility(caller)), caller)
                .map(row -> ((Number) row.get("n")).longValue())
                .one();
    }

    /**
     * Moves a campaign from {@code from} to {@code to} if it is still in {@code from}; {@code false} when
     * another request moved it first.
     */
    Mono<Boolean> move(UUID id, CampaignStatus from, CampaignStatus to, Instant startAt, Instant now) {
        GenericExecuteSpec update = db.sql("update campaigns set status = :to, updated_at = :now, "
                        + "start_at = coalesce(:startAt, start_at), "
                        + "started_at = case when :to = 'RUNNING' and started_at is null then :now else started_at end, "
                        + "finished_at = case when :to in ('COMPLETED', 'CANCELLED') then :now else finished_at end "
                        + "where id = :id and status = :from")
                .bind("to", to.name())
                .bind("now", offset(now));
        update = startAt == null ? update.bindNull("startAt", OffsetDateTime.class) : update.bind("startAt", offset(startAt));
        return update.bind("id", id)
                .bind("from", from.name())
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /**
     * A wave is done and a follow-up wave is ahead: the campaign waits, {@code SCHEDULED}, for the next wave at
     * {@code startAt}; {@code false} when another instance moved it first.
     */
    Mono<Boolean> scheduleNextWave(UUID id, int doneWave, Instant startAt, Instant now) {
        return db.sql("update campaigns set status = 'SCHEDULED', wave = wave + 1, start_at = :startAt, "
                        + "updated_at = :now where id = :id and status = 'RUNNING' and wave = :wave")
                .bind("startAt", offset(startAt))
                .bind("now", offset(now))
                .bind("id", id)
                .bind("wave", doneWave)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    Flux<UUID> runningIds() {
        return db.sql("select id from campaigns where status = 'RUNNING' order by created_at, id")
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    Flux<Campaign> scheduledDue(Instant now) {
        return db.sql("select " + COLUMNS + " from campaigns where status = 'SCHEDULED' and start_at <= :now "
                        + "order by start_at, id")
                .bind("now", offset(now))
                .map(this::campaignOf)
                .all();
    }

    // --- recipients

    /** The customers who replied to a campaign, as a statement an audience nests. */
    static CustomerCriteria.IdQuery repliedTo(UUID campaignId) {
        return new CustomerCriteria.IdQuery("select customer_id from campaign_recipients "
                + "where campaign_id = :cr_replied_to and replied_at is not null", Map.of("cr_replied_to", campaignId));
    }

    /** The customers a campaign's message went out to who did not reply, as a statement an audience nests. */
    static CustomerCriteria.IdQuery sentAndNotRepliedTo(UUID campaignId) {
        return new CustomerCriteria.IdQuery("select customer_id from campaign_recipients "
                + "where campaign_id = :cr_silent_to and sent_at is not null and replied_at is null",
                Map.of("cr_silent_to", campaignId));
    }

    /**
     * Writes the wave's recipients from the audience in one statement; how many there are. On PostgreSQL the
     * table's statistics are brought up to date at once, so claims are planned for its new size.
     */
    Mono<Long> materialise(UUID campaignId, int wave, CustomerCriteria.IdQuery audience, Instant now) {
        return db.sql("insert into campaign_recipients (campaign_id, wave, customer_id, state, attempts, "
                        + "next_attempt_at, updated_at) select :campaignId, :wave, audience.id, 'PENDING', 0, :now, :now "
                        + "from (" + audience.sql()
                        + ") audience")
                .bindValues(audience.parameters())
                .bind("campaignId", campaignId)
                .bind("wave", wave)
                .bind("now", offset(now))
                .fetch()
                .rowsUpdated()
                .flatMap(written -> counted(campaignId, wave, CountChanges.of(RecipientState.PENDING, null, written))
                        .then(analysed()).thenReturn(written));
    }

    private Mono<Void> analysed() {
        return onPostgres() ? db.sql("analyze campaign_recipients").then() : Mono.empty();
    }

    /**
     * The customers a follow-up wave is for, as a statement an audience nests: the previous wave's recipients
     * whose message went out and who have not replied, as {@link #materialiseFollowUp} writes them. The
     * estimate and the holds of a follow-up wave select through this, so they agree with what it will send.
     */
    static CustomerCriteria.IdQuery followUpRecipients(UUID campaignId, int wave) {
        return new CustomerCriteria.IdQuery("select customer_id from campaign_recipients "
                + "where campaign_id = :cr_follow_up_of and wave = :cr_follow_up_previous and " + NOT_REPLIED_AFTER_SENT,
                Map.of("cr_follow_up_of", campaignId, "cr_follow_up_previous", wave - 1));
    }

    /**
     * Writes a follow-up wave's recipients in one statement: the previous wave's recipients whose message went
     * out and who have not replied.
     */
    Mono<Long> materialiseFollowUp(UUID campaignId, int wave, Instant now) {
        return db.sql("insert into campaign_recipients (campaign_id, wave, customer_id, state, attempts, "
                        + "next_attempt_at, updated_at) select campaign_id, :wave, customer_id, 'PENDING', 0, :now, :now "
                        + "from campaign_recipients where campaign_id = :campaignId and wave = :previous and "
                        + NOT_REPLIED_AFTER_SENT)
                .bind("wave", wave)
                .bind("now", offset(now))
                .bind("campaignId", campaignId)
                .bind("previous", wave - 1)
                .fetch()
                .rowsUpdated()
                .flatMap(written -> counted(campaignId, wave, CountChanges.of(RecipientState.PENDING, null, written))
                        .thenReturn(written));
    }

    /**
     * Claims up to {@code limit} due recipients of the wave for this dispatcher until {@code leaseUntil}, and
     * answers their customer ids; no two standing claims name the same recipient.
     *
     * <p>On PostgreSQL a claim is one row of {@code campaign_claims} (V14) listing the recipients, and the
     * recipients themselves are not written: each recipient row is written once, with its outcome
     * ({@link #record}). Claims of a wave are taken one at a time under the campaign row's lock, each passing
     * over the recipients every standing claim names, so dispatchers on several instances take disjoint batches.
     *
     * <p>On H2 (the embedded default, one instance) each claimed recipient is marked {@code SENDING} with the
     * claim's token; the conditional update keeps a row from being claimed twice, since a row another claim took
     * is no longer {@code PENDING}, and the rows are read back by the token.
     */
    Flux<UUID> claim(UUID campaignId, int wave, int limit, UUID token, Instant now, Instant leaseUntil) {
        return onPostgres() ? claimInOneRow(campaignId, wave, limit, token, now, leaseUntil)
                : claimRowByRow(campaignId, wave, limit, token, now, leaseUntil);
    }

    private Flux<UUID> claimInOneRow(UUID campaignId, int wave, int limit, UUID token, Instant now,
                                     Instant leaseUntil) {
        Mono<Void> oneClaimAtATime = db.sql("select id from campaigns where id = :campaignId for update")
                .bind("campaignId", campaignId)
                .fetch()
                .all()
                .then();
        // the index of due recipients walked in order (V9), past those the standing claims name (a hashed set)
        Mono<List<UUID>> picked = db.sql("select customer_id from campaign_recipients where campaign_id = :campaignId "
                        + "and wave = :wave and " + CLAIMABLE + " and customer_id not in (select unnest(customer_ids) "
                        + "from campaign_claims where campaign_id = :campaignId and wave = :wave) "
                        + "order by next_attempt_at limit " + limit)
                .bind("campaignId", campaignId)
                .bind("wave", wave)
                .bind("now", offset(now))
                .map(row -> row.get("customer_id", UUID.class))
                .all()
                .collectList();
        Mono<List<UUID>> claimed = oneClaimAtATime.then(picked)
                .flatMap(ids -> ids.isEmpty() ? Mono.just(ids) : db.sql("insert into campaign_claims (token, "
                                + "campaign_id, wave, customer_ids, lease_until, claimed_at) values (:token, "
                                + ":campaignId, :wave, :ids, :lease, :now)")
                        .bind("token", token)
                        .bind("campaignId", campaignId)
                        .bind("wave", wave)
                        .bind("ids", MultiRowStatements.keys(db, ids, UUID.class))
                        .bind("lease", offset(leaseUntil))
                        .bind("now", offset(now))
                        .then()
                        .thenReturn(ids));
        return transaction.transactional(claimed).flatMapIterable(ids -> ids);
    }

    private Flux<UUID> claimRowByRow(UUID campaignId, int wave, int limit, UUID token, Instant now,
                                     Instant leaseUntil) {
        String pick = "select customer_id from campaign_recipients where campaign_id = :campaignId and wave = :wave "
                + "and " + CLAIMABLE + " limit " + limit;
        return db.sql("update campaign_recipients set state = 'SENDING', claim_token = :token, "
                        + "lease_until = :lease, attempts = attempts + 1, updated_at = :now "
                        + "where campaign_id = :campaignId and wave = :wave and customer_id in (" + pick + ") and "
                        + CLAIMABLE)
                .bind("token", token)
                .bind("lease", offset(leaseUntil))
                .bind("now", offset(now))
                .bind("campaignId", campaignId)
                .bind("wave", wave)
                .fetch()
                .rowsUpdated()
                .flatMapMany(count -> count == 0 ? Flux.empty() : claimedBy(token));
    }

    /**
     * Takes over a claim that outlived its lease (the dispatcher that had it stopped), so its recipients can be
     * reconciled with what was sent: on PostgreSQL one claim row (skipping one another instance is taking over),
     * its recipients as it named them; on H2 up to {@code limit} recipients still {@code SENDING}.
     */
    Flux<UUID> claimAbandoned(UUID campaignId, int wave, int limit, UUID token, Instant now, Instant leaseUntil) {
        if (onPostgres()) {
            return db.sql("update campaign_claims set token = :token, lease_until = :lease where token = (select "
                            + "token from campaign_claims where campaign_id = :campaignId and wave = :wave "
                            + "and lease_until < :now limit 1 for update skip locked) returning customer_ids")
                    .bind("token", token)
                    .bind("lease", offset(leaseUntil))
                    .bind("campaignId", campaignId)
                    .bind("wave", wave)
                    .bind("now", offset(now))
                    .map(row -> row.get("customer_ids", UUID[].class))
                    .all()
                    .flatMapIterable(List::of);
        }
        String pick = "select customer_id from campaign_recipients where campaign_id = :campaignId and wave = :wave "
                + "and state = 'SENDING' and lease_until < :now limit " + limit;
        return db.sql("update campaign_recipients set claim_token = :token, lease_until = :lease, updated_at = :now "
                        + "where campaign_id = :campaignId and wave = :wave and customer_id in (" + pick + ")"
                        + " and state = 'SENDING' and lease_until < :now")
                .bind("token", token)
                .bind("lease", offset(leaseUntil))
                .bind("now", offset(now))
                .bind("campaignId", campaignId)
                .bind("wave", wave)
                .fetch()
                .rowsUpdated()
                .flatMapMany(count -> count == 0 ? Flux.empty() : claimedBy(token));
    }

    private Flux<UUID> claimedBy(UUID token) {
        return db.sql("select customer_id from campaign_recipients where claim_token = :token")
                .bind("token", token)
                .map(row -> row.get("customer_id", UUID.class))
                .all();
    }

    /**
     * Records what became of a claimed batch, each recipient's variant and the hold-out group included: one
     * statement per distinct outcome. Only recipients this claim still holds and still waiting change, so a
     * delivery report that already moved one on (DELIVERED before the send's own answer was recorded) stands. On
     * PostgreSQL the claim row is deleted first, in the same transaction: that it was still there says the claim
     * still holds its recipients. A {@code DELIVERED} or {@code FAILED} that finds recipients no longer held (the
     * claim outlived its lease and was taken over meanwhile) moves them on as a delivery report would
     * ({@link #delivered}): the answer to the batch's own send reaches its recipients only through here.
     */
    Mono<Void> record(UUID campaignId, int wave, UUID token, List<RecipientUpdate> updates, Instant now) {
        Map<Outcome, List<UUID>> byOutcome = new LinkedHashMap<>();
        for (RecipientUpdate update : updates) {
            byOutcome.computeIfAbsent(new Outcome(update.state(), update.reason(), update.rule(), update.nextAttemptAt(),
                    update.variant()), outcome -> new ArrayList<>()).add(update.customerId());
        }
        if (!onPostgres()) {
            return Flux.fromIterable(byOutcome.entrySet())
                    .concatMap(group -> recordOutcome(campaignId, wave, token, true, group.getKey(), group.getValue(), now,
                            new CountChanges()))
                    .then();
        }
        CountChanges changes = new CountChanges();
        Mono<Void> recorded = db.sql("delete from campaign_claims where token = :token")
                .bind("token", token)
                .fetch()
                .rowsUpdated()
                .flatMap(deleted -> Flux.fromIterable(byOutcome.entrySet())
                        .concatMap(group -> recordOutcome(campaignId, wave, token, deleted > 0, group.getKey(),
                                group.getValue(), now, changes))
                        .then(Mono.defer(() -> counted(campaignId, wave, changes))));
        return transaction.transactional(recorded);
    }

    private record Outcome(RecipientState state, String reason, String rule, Instant nextAttemptAt, String variant) {
    }

    private Mono<Void> recordOutcome(UUID campaignId, int wave, UUID token, boolean held, Outcome outcome,
                                     List<UUID> ids, Instant now, CountChanges changes) {
        Mono<Long> written = held ? writeOutcome(campaignId, wave, token, outcome, ids, now, changes) : Mono.just(0L);
        return written.flatMap(updated -> updated < ids.size() && settlesDelivery(outcome.state())
                ? moveDelivered(campaignId, wave, outcome.state(), outcome.reason(), ids, now, changes).then()
                : Mono.empty());
    }

    /**
     * The claim's recipients still waiting take the outcome; how many did. On PostgreSQL the statement answers
     * the states they left, added to {@code changes} for the counts; on H2 the recipients are those still marked
     * with the claim's token.
     */
    private Mono<Long> writeOutcome(UUID campaignId, int wave, UUID token, Outcome outcome, List<UUID> ids,
                                    Instant now, CountChanges changes) {
        String sent = outcome.state().wasSent() ? ", sent_at = coalesce(sent_at, :now)" : "";
        String set = "set state = :state, reason = :reason, rule_id = :rule, next_attempt_at = :next, "
                + "variant = coalesce(:variant, variant), claim_token = null, lease_until = null, "
                + (onPostgres() ? "attempts = attempts + 1, " : "") + "updated_at = :now" + sent;
        // on PostgreSQL the rows as they stood (read without locks: the claim is the only writer of its waiting
        // recipients; a delivery report that got in first is skipped by the state test on the row itself)
        String sql = onPostgres()
                ? "with old as (select customer_id, state, reason from campaign_recipients where campaign_id = "
                        + ":campaignId and wave = :wave and customer_id = any(:ids) and state in ('PENDING', 'DEFERRED')), "
                        + "moved as (update campaign_recipients r " + set + " from old where r.campaign_id = :campaignId "
                        + "and r.wave = :wave and r.customer_id = old.customer_id and r.state in ('PENDING', 'DEFERRED') "
                        + "returning old.state as was, old.reason as was_reason) "
                        + "select was, was_reason, count(*) as n from moved group by was, was_reason"
                : "update campaign_recipients " + set + " where campaign_id = :campaignId and wave = :wave and "
                        + MultiRowStatements.anyOf(db, "customer_id", "ids") + " and claim_token = :token and state = 'SENDING'";
        GenericExecuteSpec update = db.sql(sql)
                .bind("state", outcome.state().name());
        update = nullable(update, "reason", outcome.reason(), String.class);
        update = nullable(update, "rule", outcome.rule(), String.class);
        // a recipient pending again is due at once unless the outcome says when
        Instant next = outcome.state() == RecipientState.PENDING && outcome.nextAttemptAt() == null ? now
                : outcome.nextAttemptAt();
        update = nullable(update, "next", offset(next), OffsetDateTime.class);
        update = nullable(update, "variant", outcome.variant(), String.class);
        update = update.bind("now", offset(now))
                .bind("campaignId", campaignId)
                .bind("wave", wave)
                .bind("ids", MultiRowStatements.keys(db, ids, UUID.class));
        if (!onPostgres()) {
            return update.bind("token", token).fetch().rowsUpdated();
        }
        return movedFrom(update, outcome.state(), outcome.reason(), changes);
    }

    /** Reads what a moving statement answers (the states its rows left, with how many) into {@code changes}. */
    private static Mono<Long> movedFrom(GenericExecuteSpec moving, RecipientState to, String reason,
                                        CountChanges changes) {
        return moving.map(row -> {
                    long n = ((Number) row.get("n")).longValue();
                    changes.add(RecipientState.valueOf(row.get("was", String.class)), row.get("was_reason", String.class), -n);
                    changes.add(to, reason, n);
                    return n;
                })
                .all()
                .reduce(0L, Long::sum);
    }

    private static boolean settlesDelivery(RecipientState state) {
        return state == RecipientState.DELIVERED || state == RecipientState.FAILED;
    }

    /**
     * A delivery report moved recipients' messages on: {@code DELIVERED} or {@code FAILED}, from {@code SENT}
     * (or from claimed, when the report is faster than the send's own answer: on PostgreSQL a recipient a standing
     * claim names, on H2 one marked {@code SENDING}). Never backwards.
     */
    Mono<Long> delivered(UUID campaignId, int wave, RecipientState state, String reason, Collection<UUID> customerIds,
                         Instant now) {
        if (!onPostgres()) {
            return moveDelivered(campaignId, wave, state, reason, customerIds, now, new CountChanges());
        }
        CountChanges changes = new CountChanges();
        return transaction.transactional(moveDelivered(campaignId, wave, state, reason, customerIds, now, changes)
                .flatMap(moved -> counted(campaignId, wave, changes).thenReturn(moved)));
    }

    private Mono<Long> moveDelivered(UUID campaignId, int wave, RecipientState state, String reason,
                                     Collection<UUID> customerIds, Instant now, CountChanges changes) {
        if (onPostgres()) {
            // the rows locked as they stand, so the states they leave are exact even when the batch's own
            // record got in between
            GenericExecuteSpec moving = db.sql("with old as (select customer_id, state, reason from campaign_recipients "
                            + "where campaign_id = :campaignId and wave = :wave and customer_id = any(:ids) and (state = 'SENT' "
                            + "or (state in ('PENDING', 'DEFERRED') and customer_id in (select unnest(customer_ids) "
                            + "from campaign_claims where campaign_id = :campaignId and wave = :wave))) for update), "
                            + "moved as (update campaign_recipients r set state = :state, reason = :reason, "
                            + "sent_at = coalesce(r.sent_at, :now), updated_at = :now from old where r.campaign_id = :campaignId "
                            + "and r.wave = :wave and r.customer_id = old.customer_id returning old.state as was, "
                            + "old.reason as was_reason) select was, was_reason, count(*) as n from moved group by was, was_reason")
                    .bind("state", state.name());
            moving = nullable(moving, "reason", reason, String.class);
            moving = moving.bind("now", offset(now))
                    .bind("campaignId", campaignId)
                    .bind("wave", wave)
                    .bind("ids", MultiRowStatements.keys(db, customerIds, UUID.class));
            return movedFrom(moving, state, reason, changes);
        }
        GenericExecuteSpec update = db.sql("update campaign_recipients set state = :state, reason = :reason, "
                        + "sent_at = coalesce(sent_at, :now), updated_at = :now where campaign_id = :campaignId "
                        + "and wave = :wave and " + MultiRowStatements.anyOf(db, "customer_id", "ids")
                        + " and state in ('SENDING', 'SENT')")
                .bind("state", state.name());
        update = nullable(update, "reason", reason, String.class);
        return update.bind("now", offset(now))
                .bind("campaignId", campaignId)
                .bind("wave", wave)
                .bind("ids", MultiRowStatements.keys(db, customerIds, UUID.class))
                .fetch()
                .rowsUpdated();
    }

    /** The campaign wave whose message to the customer went out last, from {@code since} up to {@code at}. */
    Mono<AnsweredWave> lastSentTo(UUID customerId, Instant since, Instant at) {
        return db.sql("select campaign_id, wave from campaign_recipients where customer_id = :customer "
                        + "and sent_at >= :since and sent_at <= :at and state in ('SENT', 'DELIVERED') "
                        + "order by sent_at desc limit 1")
                .bind("customer", customerId)
                .bind("since", offset(since))
                .bind("at", offset(at))
                .map(row -> new AnsweredWave(row.get("campaign_id", UUID.class), row.get("wave", Integer.class)))
                .one();
    }

    record AnsweredWave(UUID campaignId, int wave) {
    }

    /** Marks the recipient replied; {@code false} when a reply was already attributed to it (the first one stands). */
    Mono<Boolean> replied(AnsweredWave answered, UUID customerId, UUID replyId, Instant at) {
        return db.sql("update campaign_recipients set replied_at = :at, reply_id = :reply, updated_at = :at "
                        + "where campaign_id = :campaignId and wave = :wave and customer_id = :customer "
                        + "and replied_at is null")
                .bind("at", offset(at))
                .bind("reply", replyId)
                .bind("campaignId", answered.campaignId())
                .bind("wave", answered.wave())
                .bind("customer", customerId)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    Mono<Long> repliedCount(UUID campaignId) {
        return db.sql("select count(*) as n from campaign_recipients where campaign_id = :id and replied_at is not null")
                .bind("id", campaignId)
                .map(row -> ((Number) row.get("n")).longValue())
                .one();
    }

    /**
     * The wave's recipients per state and, for those not sent, per reason; replies across every wave. On
     * PostgreSQL read from the counts kept as recipients move (V15), on H2 counted from the recipients.
     */
    Mono<RecipientCounts> counts(UUID campaignId, int wave) {
        String sql = onPostgres()
                ? "select state, nullif(reason, '') as reason, n from campaign_recipient_counts where campaign_id = :id "
                        + "and wave = :wave and n <> 0"
                : "select state, reason, count(*) as n from campaign_recipients where campaign_id = :id "
                        + "and wave = :wave group by state, reason";
        return db.sql(sql)
                .bind("id", campaignId)
                .bind("wave", wave)
                .map(row -> new CountRow(RecipientState.valueOf(row.get("state", String.class)),
                        row.get("reason", String.class), ((Number) row.get("n")).longValue()))
                .all()
                .collectList()
                .zipWith(repliedCount(campaignId), RecipientCounts::of);
    }

    record CountRow(RecipientState state, String reason, long count) {
    }

    /** Recipients moved between states (and reasons) by the statements of one transaction. */
    static final class CountChanges {

        private record Key(String state, String reason) {
        }

        private final Map<Key, Long> changes = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Key::state).thenComparing(Key::reason));

        static CountChanges of(RecipientState state, String reason, long n) {
            CountChanges changes = new CountChanges();
            changes.add(state, reason, n);
            return changes;
        }

        void add(RecipientState state, String reason, long n) {
            changes.merge(new Key(state.name(), reason == null ? "" : reason), n, Long::sum);
        }
    }

    /**
     * Adds the changes to the wave's kept counts (PostgreSQL; H2 counts when asked), in the caller's transaction:
     * one statement, its rows in key order so that concurrent batches lock the counts in the same order.
     */
    private Mono<Void> counted(UUID campaignId, int wave, CountChanges changes) {
        List<CountChanges.Key> keys = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        changes.changes.forEach((key, n) -> {
            if (n != 0) {
                keys.add(key);
                deltas.add(n);
            }
        });
        if (!onPostgres() || keys.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("insert into campaign_recipient_counts (campaign_id, wave, state, reason, n) "
                        + "select :campaignId, :wave, c.state, c.reason, c.n from unnest(:states::varchar[], "
                        + ":reasons::varchar[], :deltas::bigint[]) with ordinality as c(state, reason, n, i) order by c.i "
                        + "on conflict (campaign_id, wave, state, reason) do update "
                        + "set n = campaign_recipient_counts.n + excluded.n")
                .bind("campaignId", campaignId)
                .bind("wave", wave)
                .bind("states", keys.stream().map(CountChanges.Key::state).toArray(String[]::new))
                .bind("reasons", keys.stream().map(CountChanges.Key::reason).toArray(String[]::new))
                .bind("deltas", deltas.toArray(Long[]::new))
                .then();
    }

    /**
     * Recipients of the wave with work ahead: waiting, claimed, or deferred (on PostgreSQL from the kept counts,
     * which move in the same transactions as the recipients).
     */
    Mono<Long> openRecipients(UUID campaignId, int wave) {
        String sql = onPostgres()
                ? "select coalesce(sum(n), 0) as n from campaign_recipient_counts where campaign_id = :id "
                        + "and wave = :wave and state in ('PENDING', 'SENDING', 'DEFERRED')"
                : "select count(*) as n from campaign_recipients where campaign_id = :id and wave = :wave "
                        + "and state in ('PENDING', 'SENDING', 'DEFERRED')";
        return db.sql(sql)
                .bind("id", campaignId)
                .bind("wave", wave)
                .map(row -> ((Number) row.get("n")).longValue())
                .one();
    }

    // --- rows

    private Campaign campaignOf(Readable row) {
        return new Campaign(
                row.get("id", UUID.class),
                json.readValue(row.get("definition", String.class), CampaignDefinition.class),
                CampaignStatus.valueOf(row.get("status", String.class)),
                row.get("wave", Integer.class),
                instant(row.get("start_at", OffsetDateTime.class)),
                row.get("created_by", String.class),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)),
                instant(row.get("started_at", OffsetDateTime.class)),
                instant(row.get("finished_at", OffsetDateTime.class)));
    }

    /**
     * ADMIN sees every campaign; STAFF and MANAGER a campaign that names branches, all of them theirs (a
     * campaign to every branch is an ADMIN's).
     */
    private static String visibility(StaffMember caller) {
        if (caller.seesAllBranches()) {
            return "1 = 1";
        }
        return "exists (select 1 from campaign_branches b where b.campaign_id = c.id) "
                + "and not exists (select 1 from campaign_branches b where b.campaign_id = c.id "
                + "and b.branch_code not in (:scope))";
    }

    private static GenericExecuteSpec visibleTo(GenericExecuteSpec spec, StaffMember caller) {
        if (caller.seesAllBranches()) {
            return spec;
        }
        Set<String> scope = caller.branches();
        return spec.bind("scope", scope.isEmpty() ? List.of("-") : List.copyOf(scope));
    }

    private boolean onPostgres() {
        return db.getConnectionFactory().getMetadata().getName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
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

    /** Counts of one campaign's recipients, as the API shows them. */
    record RecipientCounts(Map<RecipientState, Long> byState, Map<String, Long> notSentByReason, long heldOut,
                           long replied, long total) {

        static RecipientCounts of(List<CountRow> rows, long replied) {
            Map<RecipientState, Long> byState = new EnumMap<>(RecipientState.class);
            RecipientState.COUNTED.forEach(state -> byState.put(state, 0L));
            Map<String, Long> byReason = new java.util.TreeMap<>();
            long heldOut = 0;
            long total = 0;
            for (CountRow row : rows) {
                total += row.count();
                if (row.state() == RecipientState.HELD_OUT) {
                    heldOut += row.count();
                    continue;
                }
                byState.merge(row.state().shownAs(), row.count(), Long::sum);
                if ((row.state() == RecipientState.SUPPRESSED || row.state() == RecipientState.DEFERRED
                        || row.state() == RecipientState.FAILED) && row.reason() != null) {
                    byReason.merge(row.reason(), row.count(), Long::sum);
                }
            }
            return new RecipientCounts(byState, byReason, heldOut, replied, total);
        }
    }
}
