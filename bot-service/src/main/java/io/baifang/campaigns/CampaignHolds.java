package io.baifang.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.baifang.campaigns.CampaignHoldStore.WaveHolds;
import io.baifang.channels.ChannelKind;
import io.baifang.contactpolicy.Channel;
import io.baifang.contactpolicy.ContactAttempt;
import io.baifang.contactpolicy.ContactCategory;
import io.baifang.contactpolicy.ContactDecision;
import io.baifang.contactpolicy.ContactGate;
import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.IdGenerator;
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
 * Holds ahead: a scheduled campaign wave holds its recipients' slots in the contact policy at its planned start
 * ({@link ContactGate#holdAheadAll}), so that a lower-priority campaign sent before it cannot take a customer's
 * last slot, and a higher-priority one still can. Every {@code baifang.campaigns.holds-check} it
 * <ol>
 * <li>places the holds of each scheduled wave whose start has come within the policy's hold horizon and whose
 * holds were not placed yet: the wave's recipients as they would be written now (the audience, or a follow-up's
 * previous recipients who did not reply; the hold-out group holds nothing), streamed from the registry in
 * batches of {@value #BATCH}, each one round trip to the counters and one log statement. The placing is
 * recorded per campaign wave ({@code campaign_holds}), so it happens once, across restarts and instances; a
 * placer that stopped is taken over once its lease ran out, and placing again changes nothing (the policy's
 * wave cap refuses a second hold of one wave). It stops as soon as the campaign is no longer scheduled for that
 * start;</li>
 * <li>releases the holds still standing of each wave that has ended: cancelled, completed (holds no send used)
 * or followed by its next wave.</li>
 * </ol>
 * The wave's own sends use its holds (the policy counts a send of a wave against the hold its campaign placed
 * for it, and marks the hold's line {@code USED}). Cancelling a campaign releases its holds at once
 * ({@link #releaseEnded}); the check is the safety net.
 */
@Component
class CampaignHolds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CampaignHolds.class);

    /** Customers held at once: one registry read, one round trip to the counters and one log statement each. */
    static final int BATCH = 1_000;

    private final CampaignStore campaigns;
    private final CampaignHoldStore holds;
    private final CustomerDirectory customers;
    private final AudienceQueries audiences;
    private final ContactGate gate;
    private final CampaignsProperties settings;
    private final IdGenerator ids;
    private final Clock clock;
    private volatile Disposable running;

    CampaignHolds(CampaignStore campaigns, CampaignHoldStore holds, CustomerDirectory customers,
                  AudienceQueries audiences, ContactGate gate, CampaignsProperties settings, IdGenerator ids,
                  Clock clock) {
        this.campaigns = campaigns;
        this.holds = holds;
        this.customers = customers;
        this.audiences = audiences;
        this.gate = gate;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startChecking() {
        running = Flux.interval(settings.holdsCheck(), settings.holdsCheck())
                .onBackpressureDrop()
                .concatMap(tick -> check(), 1)
                .subscribe();
    }

    /** One check: the holds of waves that ended are released, those of waves coming within the horizon placed. */
    Mono<Void> check() {
        return releaseEnded()
                .then(placeDue())
                .onErrorResume(failure -> {
                    log.warn("A check of campaign holds failed ({}); the next one runs as usual", failure.toString());
                    log.debug("The failed check of campaign holds", failure);
                    return Mono.empty();
                });
    }

    /** Releases the holds still standing of every wave that has ended (cancelled, completed, or followed by the next). */
    Mono<Void> releaseEnded() {
        return holds.toRelease()
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(this::release)
                .then();
    }

    private Mono<Void> placeDue() {
        Instant now = clock.instant();
        return holds.toPlace(now, now.plus(gate.settings().holdHorizon()))
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(this::placeIfClaimed)
                .then();
    }

    private Mono<Void> placeIfClaimed(WaveHolds wave) {
        UUID placer = ids.next();
        Instant now = clock.instant();
        return holds.claim(wave, placer, now, now.plus(settings.claimLease()))
                .filter(Boolean::booleanValue)
                .flatMap(claimed -> campaigns.find(wave.campaignId()))
                .flatMap(campaign -> place(campaign, wave, placer));
    }

    /**
     * Places the wave's holds batch by batch while the campaign is still scheduled for that start; then the
     * placing is done. Should the wave have ended meanwhile (cancelled while a batch was being held), what was
     * held is released again.
     */
    private Mono<Void> place(Campaign campaign, WaveHolds wave, UUID placer) {
        return customers.streamMatching(audiences.recipientsOfCurrentWave(campaign))
                .filter(customer -> !heldOut(campaign, customer))
                .map(customer -> holdOf(campaign, customer))
                .buffer(BATCH)
                .concatMap(batch -> holdBatch(wave, placer, batch))
                .takeUntil(outcome -> outcome != BatchOutcome.HELD)
                .last(BatchOutcome.HELD)
                .flatMap(last -> finish(wave, placer, last));
    }

    private Mono<Void> finish(WaveHolds wave, UUID placer, BatchOutcome last) {
        Instant now = clock.instant();
        if (last == BatchOutcome.PAUSED) {
            return holds.retryAt(wave, placer, now.plus(settings.pausedRetry()), now);
        }
        log.info("Campaign {} wave {}: holds placed for its start at {}{}", wave.campaignId(), wave.wave(),
                wave.plannedAt(), last == BatchOutcome.STOPPED ? " (stopped: it is no longer scheduled for it)" : "");
        return holds.placed(wave, placer, now).then(releaseIfEnded(wave));
    }

    private enum BatchOutcome {
        /** held; go on */
        HELD,
        /** the campaign is no longer scheduled for that start, or another placer took over: stop */
        STOPPED,
        /** the counters are being rebuilt: stop, and try the wave again shortly */
        PAUSED
    }

    private Mono<BatchOutcome> holdBatch(WaveHolds wave, UUID placer, List<ContactAttempt> batch) {
        return gate.holdAheadAll(batch, wave.plannedAt())
                .collectList()
                .flatMap(decisions -> {
                    long held = decisions.stream().filter(ContactDecision::isAllowed).count();
                    boolean paused = decisions.stream().anyMatch(ContactDecision.Paused.class::isInstance);
                    Instant now = clock.instant();
                    return holds.placedBatch(wave, placer, held, now, now.plus(settings.claimLease()))
                            .map(still -> !still ? BatchOutcome.STOPPED
                                    : paused ? BatchOutcome.PAUSED : BatchOutcome.HELD);
                });
    }

    /**
     * What the policy sees of the wave's send to this customer, as a hold: the campaign's wave and priority, the
     * first channel of its preference (its weight), the customer's template.
     */
    private static ContactAttempt holdOf(Campaign campaign, Customer customer) {
        CampaignDefinition definition = campaign.definition();
        ChannelKind first = definition.channels().get(0);
        String templateId = assignmentOf(campaign, customer).variant().templateId();
        return new ContactAttempt(customer.id(), Channel.valueOf(first.name()), ContactCategory.MARKETING, null,
                templateId, null, customer.optedOut(), customer.consent())
                .inCampaign(campaign.key(), campaign.wave(), definition.priority());
    }

    private static boolean heldOut(Campaign campaign, Customer customer) {
        return assignmentOf(campaign, customer).heldOut();
    }

    private static RecipientAssignment assignmentOf(Campaign campaign, Customer customer) {
        CampaignDefinition definition = campaign.definition();
        return RecipientAssignment.of(campaign.id(), campaign.wave(), customer.id(), definition.holdOutPercent(),
                definition.variantsOf(campaign.wave()));
    }

    private Mono<Void> releaseIfEnded(WaveHolds wave) {
        return campaigns.find(wave.campaignId())
                .filter(campaign -> campaign.status().hasEnded() || campaign.wave() > wave.wave())
                .flatMap(ended -> release(wave));
    }

    /** Releases the wave's standing holds, then records it; a stop in between releases them again next time. */
    private Mono<Void> release(WaveHolds wave) {
        return gate.releaseHolds(wave.campaignId().toString(), wave.wave(), wave.plannedAt())
                .flatMap(released -> holds.released(wave, clock.instant())
                        .doOnSuccess(done -> log.info("Campaign {} wave {}: {} holds released", wave.campaignId(),
                                wave.wave(), released)));
    }

    /**
     * Releases the holds of a campaign's current wave if it has ended (it was just cancelled): at once, rather than
     * at the next check. A failure is left to the next check.
     */
    Mono<Void> releaseIfEnded(Campaign campaign) {
        return holds.find(campaign.id(), campaign.wave())
                .flatMap(this::releaseIfEnded)
                .onErrorResume(failure -> {
                    log.warn("Could not release the holds of campaign {} now ({}); the next check does",
                            campaign.id(), failure.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void destroy() {
        Disposable checks = running;
        if (checks != null) {
            checks.dispose();
        }
    }
}
