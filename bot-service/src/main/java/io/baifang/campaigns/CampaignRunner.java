package io.baifang.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.baifang.shared.BaifangProperties;
import io.baifang.shared.SendRates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives every campaign: each {@code baifang.campaigns.tick} it begins the scheduled campaigns whose time has
 * come, then gives each running campaign a turn of at most {@code slice}: reconcile abandoned claims, send
 * batches at the campaign's rate until none is due, and complete it when no recipient has work ahead. The
 * status is read again before every batch, so pause and cancel take effect within one batch (well under a
 * second). All state is in the database: several instances run this side by side and share the work through
 * the claims. One round at a time per instance; a failed round is logged and the next runs as usual.
 */
@Component
class CampaignRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    private final Campaigns campaigns;
    private final CampaignStore store;
    private final CampaignDispatcher dispatcher;
    private final CampaignsProperties settings;
    private final SendRates rates;
    private final ZoneId zone;
    private final Clock clock;
    private volatile Disposable running;

    CampaignRunner(Campaigns campaigns, CampaignStore store, CampaignDispatcher dispatcher,
                   CampaignsProperties settings, SendRates rates, BaifangProperties baifang, Clock clock) {
        this.campaigns = campaigns;
        this.store = store;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.rates = rates;
        this.zone = baifang.zone();
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startRunning() {
        running = Flux.interval(settings.tick(), settings.tick())
                .onBackpressureDrop()
                .concatMap(tick -> round(), 1)
                .subscribe();
    }

    /** One round: scheduled campaigns due begin, each running campaign gets its turn. */
    Mono<Void> round() {
        return beginScheduledDue()
                .thenMany(store.runningIds().collectList().flatMapMany(Flux::fromIterable))
                .concatMap(this::turn)
                .then()
                .onErrorResume(failure -> {
                    log.warn("A campaign round failed ({}); the next one runs as usual", failure.toString());
                    log.debug("The failed campaign round", failure);
                    return Mono.empty();
                });
    }

    private Mono<Void> beginScheduledDue() {
        return store.scheduledDue(clock.instant())
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(scheduled -> campaigns.begin(scheduled).onErrorResume(failure -> {
                    // another instance began it first (409), or the database failed: the next round tries again
                    log.debug("Scheduled campaign {} did not begin this round", scheduled.id(), failure);
                    return Mono.empty();
                }))
                .then();
    }

    private Mono<Void> turn(UUID campaignId) {
        return store.find(campaignId)
                .filter(campaign -> campaign.status() == CampaignStatus.RUNNING)
                .flatMap(campaign -> dispatcher.reconcileAbandoned(campaign)
                        .then(sendForASliceIfInItsWindow(campaign))
                        .then(completeIfSettled(campaign)));
    }

    /** Outside its daily window a campaign keeps its recipients pending until the window opens. */
    private Mono<Void> sendForASliceIfInItsWindow(Campaign campaign) {
        DailyWindow window = campaign.definition().dailyWindow();
        if (window != null && !window.isOpenAt(clock.instant(), zone)) {
            return Mono.empty();
        }
        return sendForASlice(campaign);
    }

    /**
     * Batches at the campaign's rate until none is due, the campaign stops running, or the slice is used;
     * {@code batches-in-flight} of them at once, so that one batch is computed while another waits on the database
     * (each claims its own recipients; the rate's bucket is shared).
     */
    private Mono<Void> sendForASlice(Campaign campaign) {
        Instant started = clock.instant();
        int size = SendPace.batchSize(settings.batchSize(), campaign.definition().ratePerSecond());
        return Flux.range(0, SendPace.batchesInFlight(settings.batchesInFlight(), size,
                        campaign.definition().ratePerSecond()))
                .flatMap(lane -> batchesUntilDone(campaign, started))
                .then();
    }

    private Mono<Void> batchesUntilDone(Campaign campaign, Instant started) {
        return Mono.defer(() -> nextBatchIfStillRunning(campaign))
                .flatMap(claimed -> keepPace(campaign, claimed).thenReturn(claimed))
                .repeat()
                .takeUntil(claimed -> claimed == 0 || sliceUsed(started))
                .then();
    }

    private Mono<Integer> nextBatchIfStillRunning(Campaign campaign) {
        return store.find(campaign.id())
                .filter(current -> current.status() == CampaignStatus.RUNNING)
                .flatMap(dispatcher::sendNextBatch)
                .defaultIfEmpty(0);
    }

    /**
     * Pays for the batch just sent out of the campaign's token bucket, waiting until it can: the rate holds across
     * every instance sending the campaign (the bucket is in Redis in production).
     */
    private Mono<Void> keepPace(Campaign campaign, int claimed) {
        return rates.acquire("campaign:" + campaign.id(), claimed, campaign.definition().ratePerSecond());
    }

    private boolean sliceUsed(Instant started) {
        return Duration.between(started, clock.instant()).compareTo(settings.slice()) >= 0;
    }

    private Mono<Void> completeIfSettled(Campaign campaign) {
        return store.openRecipients(campaign.id(), campaign.wave())
                .filter(open -> open == 0)
                .flatMap(none -> store.find(campaign.id()))
                .filter(current -> current.status() == CampaignStatus.RUNNING)
                .flatMap(campaigns::complete)
                .then();
    }

    @Override
    public void destroy() {
        Disposable rounds = running;
        if (rounds != null) {
            rounds.dispose();
        }
    }
}
