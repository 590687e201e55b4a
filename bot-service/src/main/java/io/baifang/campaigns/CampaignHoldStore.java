package io.baifang.campaigns;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code campaign_holds} table (migration V10): for each campaign wave, whether its holds ahead were placed
 * and released. A row is claimed by one placer at a time, with a lease, so several instances never place the
 * same wave's holds side by side, and a placer that stopped is taken over once its lease ran out.
 */
@Repository
class CampaignHoldStore {

    private final DatabaseClient db;

    CampaignHoldStore(DatabaseClient db) {
        this.db = db;
    }

    /** A campaign wave whose holds are to be placed, or released. */
    record WaveHolds(UUID campaignId, int wave, Instant plannedAt) {
    }

    /**
     * The scheduled campaign waves whose start is ahead and within {@code horizonEnd}, whose holds nobody placed
     * yet (or whose placer stopped: its lease ran out).
     */
    Flux<WaveHolds> toPlace(Instant now, Instant horizonEnd) {
        return db.sql("select c.id, c.wave, c.start_at from campaigns c where c.status = 'SCHEDULED' "
                        + "and c.start_at > :now and c.start_at <= :horizonEnd and not exists (select 1 from "
                        + "campaign_holds h where h.campaign_id = c.id and h.wave = c.wave "
                        + "and (h.state <> 'PLACING' or h.lease_until >= :now)) order by c.start_at, c.id")
                .bind("now", offset(now))
                .bind("horizonEnd", offset(horizonEnd))
                .map(row -> new WaveHolds(row.get("id", UUID.class), row.get("wave", Integer.class),
                        row.get("start_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /**
     * The waves whose holds were placed and that have ended: the campaign was cancelled or completed, or moved on
     * to its next wave. Their holds still standing are of no use any more.
     */
    Flux<WaveHolds> toRelease() {
        return db.sql("select h.campaign_id, h.wave, h.planned_at from campaign_holds h join campaigns c "
                        + "on c.id = h.campaign_id where h.state <> 'RELEASED' "
                        + "and (c.status in ('CANCELLED', 'COMPLETED') or c.wave > h.wave)")
                .map(row -> new WaveHolds(row.get("campaign_id", UUID.class), row.get("wave", Integer.class),
                        row.get("planned_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** The wave's holds record, if its holds were ever placed. */
    Mono<WaveHolds> find(UUID campaignId, int wave) {
        return db.sql("select campaign_id, wave, planned_at from campaign_holds where campaign_id = :id "
                        + "and wave = :wave and state <> 'RELEASED'")
                .bind("id", campaignId)
                .bind("wave", wave)
                .map(row -> new WaveHolds(row.get("campaign_id", UUID.class), row.get("wave", Integer.class),
                        row.get("planned_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    /**
     * Claims the placing of a wave's holds for {@code placer} until {@code leaseUntil}: a new row, or one whose
     * placer stopped. {@code false} when another placer has it, or it was placed already.
     */
    Mono<Boolean> claim(WaveHolds wave, UUID placer, Instant now, Instant leaseUntil) {
        Mono<Boolean> takenOver = db.sql("update campaign_holds set placer = :placer, lease_until = :lease, "
                        + "planned_at = :plannedAt, updated_at = :now where campaign_id = :id and wave = :wave "
                        + "and state = 'PLACING' and lease_until < :now")
                .bind("placer", placer)
                .bind("lease", offset(leaseUntil))
                .bind("plannedAt", offset(wave.plannedAt()))
                .bind("now", offset(now))
                .bind("id", wave.campaignId())
                .bind("wave", wave.wave())
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
        Mono<Boolean> inserted = db.sql("insert into campaign_holds (campaign_id, wave, planned_at, state, placer, "
                        + "lease_until, held, updated_at) values (:id, :wave, :plannedAt, 'PLACING', :placer, :lease, 0, "
                        + ":now)")
                .bind("id", wave.campaignId())
                .bind("wave", wave.wave())
                .bind("plannedAt", offset(wave.plannedAt()))
                .bind("placer", placer)
                .bind("lease", offset(leaseUntil))
                .bind("now", offset(now))
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0)
                // another instance claimed it first
                .onErrorResume(DataIntegrityViolationException.class, taken -> Mono.just(false));
        return takenOver.flatMap(taken -> taken ? Mono.just(true) : inserted);
    }

    /**
     * Counts the holds a batch placed and extends the claim, if this placer still has it and the campaign is
     * still scheduled for that start; {@code false} otherwise (the campaign began, was cancelled, or another
     * placer took over): the placer stops.
     */
    Mono<Boolean> placedBatch(WaveHolds wave, UUID placer, long held, Instant now, Instant leaseUntil) {
        return db.sql("update campaign_holds set held = held + :held, lease_until = :lease, updated_at = :now "
                        + "where campaign_id = :id and wave = :wave and placer = :placer and state = 'PLACING' "
                        + "and exists (select 1 from campaigns c where c.id = :id and c.status = 'SCHEDULED' "
                        + "and c.wave = :wave and c.start_at = :plannedAt)")
                .bind("held", held)
                .bind("lease", offset(leaseUntil))
                .bind("now", offset(now))
                .bind("id", wave.campaignId())
                .bind("wave", wave.wave())
                .bind("placer", placer)
                .bind("plannedAt", offset(wave.plannedAt()))
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /** The placer is done (or stopped): the holds placed stand, and are not placed again. */
    Mono<Void> placed(WaveHolds wave, UUID placer, Instant now) {
        return db.sql("update campaign_holds set state = 'PLACED', placer = null, lease_until = null, "
                        + "updated_at = :now where campaign_id = :id and wave = :wave and placer = :placer "
                        + "and state = 'PLACING'")
                .bind("now", offset(now))
                .bind("id", wave.campaignId())
                .bind("wave", wave.wave())
                .bind("placer", placer)
                .then();
    }

    /** The placer could not finish (the counters are being rebuilt): another round takes it up after {@code retryAt}. */
    Mono<Void> retryAt(WaveHolds wave, UUID placer, Instant retryAt, Instant now) {
        return db.sql("update campaign_holds set lease_until = :retryAt, updated_at = :now where campaign_id = :id "
                        + "and wave = :wave and placer = :placer and state = 'PLACING'")
                .bind("retryAt", offset(retryAt))
                .bind("now", offset(now))
                .bind("id", wave.campaignId())
                .bind("wave", wave.wave())
                .bind("placer", placer)
                .then();
    }

    /** The wave's holds were released. */
    Mono<Void> released(WaveHolds wave, Instant now) {
        return db.sql("update campaign_holds set state = 'RELEASED', placer = null, lease_until = null, "
                        + "updated_at = :now where campaign_id = :id and wave = :wave")
                .bind("now", offset(now))
                .bind("id", wave.campaignId())
                .bind("wave", wave.wave())
                .then();
    }

    private static OffsetDateTime offset(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
