package io.baifang.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.baifang.shared.Problems;
import io.baifang.campaigns.CampaignLifecycle.Command;
import io.baifang.campaigns.CampaignLifecycle.Transition;
import io.baifang.customers.CustomerDirectory;
import io.baifang.security.StaffMember;
import io.baifang.shared.BaifangProperties;
import io.baifang.shared.IdGenerator;
import io.baifang.shared.PageOf;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What staff do with campaigns: create a draft, read one with its counts, list them, and move them through
 * their lifecycle ({@link CampaignLifecycle} decides; a refusal is a 409 whose detail says why). Starting a
 * campaign that begins now writes its recipients in the same transaction as the move to {@code RUNNING}.
 */
@Service
class Campaigns {

    private final CampaignStore store;
    private final RecipientCounting counting;
    private final CampaignHolds holds;
    private final CampaignDefinitionCheck check;
    private final CustomerDirectory customers;
    private final AudienceQueries audiences;
    private final TransactionalOperator transaction;
    private final IdGenerator ids;
    private final Clock clock;
    private final ZoneId zone;

    Campaigns(CampaignStore store, RecipientCounting counting, CampaignHolds holds, CampaignDefinitionCheck check,
              CustomerDirectory customers, AudienceQueries audiences, TransactionalOperator transaction, IdGenerator ids,
              Clock clock, BaifangProperties baifang) {
        this.store = store;
        this.counting = counting;
        this.holds = holds;
        this.check = check;
        this.customers = customers;
        this.audiences = audiences;
        this.transaction = transaction;
        this.ids = ids;
        this.clock = clock;
        this.zone = baifang.zone();
    }

    /** A campaign and its recipients' counts. */
    record WithCounts(Campaign campaign, CampaignStore.RecipientCounts counts,
                      List<CampaignStore.RecipientCounts> earlierWaves) {
    }

    Mono<Campaign> create(CampaignRequest request, StaffMember caller) {
        Instant now = clock.instant();
        CampaignDefinitionCheck.Checked checked = check.check(request, caller, now);
        if (checked instanceof CampaignDefinitionCheck.Checked.Invalid invalid) {
            return Mono.error(new InvalidCampaignException(invalid.errors()));
        }
        CampaignDefinition definition = ((CampaignDefinitionCheck.Checked.Valid) checked).definition();
        Campaign campaign = new Campaign(ids.next(), definition, CampaignStatus.DRAFT, 1, null, caller.username(),
                now, now, null, null);
        return earlierCampaignsVisible(definition.audience(), caller)
                .then(transaction.transactional(store.insert(campaign)))
                .thenReturn(campaign);
    }

    /** An audience that names earlier campaigns (replied to, did not reply to) names ones the caller can see. */
    private Mono<Void> earlierCampaignsVisible(Audience audience, StaffMember caller) {
        Mono<Optional<FieldError>> replied = unknownCampaign("audience.repliedTo", audience.repliedTo(), caller);
        Mono<Optional<FieldError>> silent = unknownCampaign("audience.notRepliedTo", audience.notRepliedTo(), caller);
        return Mono.zip(replied, silent)
                .flatMap(found -> {
                    List<FieldError> errors = java.util.stream.Stream.of(found.getT1(), found.getT2())
                            .flatMap(Optional::stream).toList();
                    return errors.isEmpty() ? Mono.<Void>empty() : Mono.error(new InvalidCampaignException(errors));
                });
    }

    private Mono<Optional<FieldError>> unknownCampaign(String field, UUID id, StaffMember caller) {
        if (id == null) {
            return Mono.just(Optional.empty());
        }
        return store.find(id)
                .filter(campaign -> mayAccess(campaign, caller))
                .map(campaign -> Optional.<FieldError>empty())
                .defaultIfEmpty(Optional.of(new FieldError(field, "no campaign " + id)));
    }

    /** The campaign if the caller may see it; 404 otherwise, as if it did not exist. */
    Mono<Campaign> findVisibleTo(UUID id, StaffMember caller) {
        return store.find(id)
                .filter(campaign -> mayAccess(campaign, caller))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id)));
    }

    /** The campaign as it is now, for a caller already checked (a progress stream reading it again). */
    Mono<Campaign> reread(UUID id) {
        return store.find(id);
    }

    Mono<WithCounts> withCounts(Campaign campaign) {
        Mono<List<CampaignStore.RecipientCounts>> earlier = Flux.range(1, campaign.wave() - 1)
                .concatMap(wave -> counting.countsOf(campaign.id(), wave))
                .collectList();
        return counting.countsOf(campaign.id(), campaign.wave())
                .zipWith(earlier, (current, before) -> new WithCounts(campaign, current, before));
    }

    Mono<PageOf<Campaign>> page(StaffMember caller, int page, int size) {
        return store.pageVisibleTo(caller, page, size).collectList()
                .zipWith(store.countVisibleTo(caller), (items, total) -> new PageOf<>(items, page, size, total));
    }

    /** Applies a staff command; 409 when the lifecycle does not allow it, or another request moved it first. */
    Mono<Campaign> command(UUID id, Command command, StaffMember caller) {
        return findVisibleTo(id, caller).flatMap(campaign -> apply(campaign, command));
    }

    /** A scheduled campaign whose time has come begins (the dispatcher's call). */
    Mono<Campaign> begin(Campaign scheduled) {
        return apply(scheduled, Command.BEGIN);
    }

    /** A running campaign with no recipient left to send completes (the dispatcher's call). */
    Mono<Boolean> complete(Campaign running) {
        return apply(running, Command.COMPLETE).thenReturn(true).onErrorResume(ErrorResponseException.class,
                conflict -> Mono.just(false));
    }

    private Mono<Campaign> apply(Campaign campaign, Command command) {
        Instant now = clock.instant();
        CampaignDefinition definition = campaign.definition();
        Instant beginsAt = command == Command.COMPLETE
                ? nextWaveAt(definition, campaign.wave(), now)
                : definition.schedule() == null ? null : definition.schedule().beginsAt(now, zone);
        boolean ahead = beginsAt != null && beginsAt.isAfter(now);
        Transition transition = CampaignLifecycle.decide(campaign.status(), command, ahead);
        if (transition instanceof Transition.Refused refused) {
            return Mono.error(Problems.conflict(refused.detail()));
        }
        CampaignStatus to = ((Transition.Move) transition).to();
        Mono<Boolean> moved = command == Command.COMPLETE && to == CampaignStatus.SCHEDULED
                ? store.scheduleNextWave(campaign.id(), campaign.wave(), beginsAt, now)
                : store.move(campaign.id(), campaign.status(), to, to == CampaignStatus.SCHEDULED ? beginsAt : null, now);
        Mono<Boolean> applied = beginsSending(campaign, to)
                ? moved.flatMap(done -> done ? materialise(campaign, now).thenReturn(true) : Mono.just(false))
                : moved;
        return transaction.transactional(applied)
                .flatMap(done -> done ? store.find(campaign.id())
                        : Mono.error(Problems.conflict("the campaign changed meanwhile; read it again")))
                .flatMap(after -> after.status() == CampaignStatus.CANCELLED
                        ? holds.releaseIfEnded(after).thenReturn(after)
                        : Mono.just(after));
    }

    private static boolean beginsSending(Campaign campaign, CampaignStatus to) {
        return to == CampaignStatus.RUNNING
                && (campaign.status() == CampaignStatus.DRAFT || campaign.status() == CampaignStatus.SCHEDULED);
    }

    /** The first wave's recipients are the audience; a follow-up's, the previous wave's sent who did not reply. */
    private Mono<Long> materialise(Campaign campaign, Instant now) {
        if (campaign.wave() > 1) {
            return store.materialiseFollowUp(campaign.id(), campaign.wave(), now);
        }
        return store.materialise(campaign.id(), campaign.wave(),
                customers.idQuery(audiences.criteriaOf(campaign.definition().audience())), now);
    }

    private static Instant nextWaveAt(CampaignDefinition definition, int wave, Instant now) {
        return definition.hasWaveAfter(wave) ? now.plus(Duration.ofDays(definition.followUp().afterDays()))
                : null;
    }

    static boolean mayAccess(Campaign campaign, StaffMember caller) {
        var branches = campaign.definition().audience().branches();
        return caller.seesAllBranches() || (!branches.isEmpty() && caller.branches().containsAll(branches));
    }
}
