package io.baifang.campaigns;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.baifang.campaigns.CampaignLifecycle.Command;
import io.baifang.channels.ChannelKind;
import io.baifang.security.CurrentStaff;
import io.baifang.shared.BaifangProperties;
import io.baifang.shared.PageOf;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/campaigns}: create a draft, list, read one with its counts, move it through its lifecycle, and
 * follow its progress as server-sent events. A campaign outside the caller's branches is 404, as if it did
 * not exist.
 */
@RestController
@RequestMapping("/api/campaigns")
@Validated
class CampaignsController {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final Campaigns campaigns;
    private final CampaignEstimates estimates;
    private final CurrentStaff currentStaff;
    private final ZoneId zone;

    CampaignsController(Campaigns campaigns, CampaignEstimates estimates, CurrentStaff currentStaff,
                        BaifangProperties baifang) {
        this.campaigns = campaigns;
        this.estimates = estimates;
        this.currentStaff = currentStaff;
        this.zone = baifang.zone();
    }

    @PostMapping
    Mono<ResponseEntity<CampaignView>> create(@Valid @RequestBody CampaignRequest request) {
        return currentStaff.get()
                .flatMap(caller -> campaigns.create(request, caller))
                .flatMap(campaigns::withCounts)
                .map(created -> ResponseEntity.created(URI.create("/api/campaigns/" + created.campaign().id()))
                        .body(view(created)));
    }

    @GetMapping
    Mono<PageOf<CampaignSummary>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return currentStaff.get()
                .flatMap(caller -> campaigns.page(caller, page, size))
                .map(found -> new PageOf<>(found.items().stream().map(this::summary).toList(), found.page(),
                        found.size(), found.total()));
    }

    @GetMapping("/{id}")
    Mono<CampaignView> one(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> campaigns.findVisibleTo(id, caller))
                .flatMap(campaigns::withCounts)
                .map(this::view);
    }

    @PostMapping("/{id}/start")
    Mono<CampaignView> start(@PathVariable UUID id) {
        return command(id, Command.START);
    }

    @PostMapping("/{id}/pause")
    Mono<CampaignView> pause(@PathVariable UUID id) {
        return command(id, Command.PAUSE);
    }

    @PostMapping("/{id}/resume")
    Mono<CampaignView> resume(@PathVariable UUID id) {
        return command(id, Command.RESUME);
    }

    @PostMapping("/{id}/cancel")
    Mono<CampaignView> cancel(@PathVariable UUID id) {
        return command(id, Command.CANCEL);
    }

    @PostMapping("/{id}/estimate")
    Mono<CampaignEstimates.Estimate> estimate(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> campaigns.findVisibleTo(id, caller))
                .flatMap(estimates::estimate);
    }

    /**
     * The counts every second while the campaign runs (event {@code progress}); the stream ends after the
     * event that shows it completed or cancelled.
     */
    @GetMapping(path = "/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Progress>> progress(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> campaigns.findVisibleTo(id, caller))
                .flatMapMany(campaign -> Flux.interval(Duration.ZERO, PROGRESS_EVERY)
                        .concatMap(tick -> campaigns.reread(campaign.id()).flatMap(campaigns::withCounts))
                        .takeUntil(current -> current.campaign().status().hasEnded()))
                .map(current -> ServerSentEvent.builder(progressOf(current)).event("progress").build());
    }

    private Mono<CampaignView> command(UUID id, Command command) {
        return currentStaff.get()
                .flatMap(caller -> campaigns.command(id, command, caller))
                .flatMap(campaigns::withCounts)
                .map(this::view);
    }

    // --- views

    /** A campaign as the API shows it: its definition, where it stands, and its recipients' counts. */
    record CampaignView(
            UUID id,
            String name,
            CampaignKind kind,
            CampaignStatus status,
            int priority,
            int wave,
            List<Variant> variants,
            int holdOutPercent,
            List<ChannelKind> channels,
            Audience audience,
            Map<String, String> variables,
            LocalDate offeredDate,
            CampaignSchedule schedule,
            OffsetDateTime startAt,
            OffsetDateTime sendUntil,
            int ratePerSecond,
            DailyWindow dailyWindow,
            Map<RecipientState, Long> counts,
            Map<String, Long> notSentByReason,
            long heldOut,
            long replied,
            long recipients,
            List<WaveCounts> earlierWaves,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {
    }

    /** What an earlier wave of the campaign came to. */
    record WaveCounts(int wave, Map<RecipientState, Long> counts, Map<String, Long> notSentByReason, long heldOut,
                      long recipients) {
    }

    record CampaignSummary(UUID id, String name, CampaignKind kind, CampaignStatus status, int priority,
                           OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    record Progress(UUID id, CampaignStatus status, Map<RecipientState, Long> counts,
                    Map<String, Long> notSentByReason, long heldOut, long replied, long recipients) {
    }

    private CampaignView view(Campaigns.WithCounts found) {
        Campaign campaign = found.campaign();
        CampaignDefinition definition = campaign.definition();
        CampaignStore.RecipientCounts counts = found.counts();
        return new CampaignView(campaign.id(), definition.name(), definition.kind(), campaign.status(),
                definition.priority(), campaign.wave(), definition.variants(), definition.holdOutPercent(),
                definition.channels(), definition.audience(), definition.variables(), definition.offeredDate(),
                definition.schedule(), local(campaign.startAt()),
                definition.sendUntil() == null ? null : local(definition.sendUntil().toInstant()),
                definition.ratePerSecond(), definition.dailyWindow(), counts.byState(), counts.notSentByReason(), counts.heldOut(),
                counts.replied(), counts.total(), wavesOf(found.earlierWaves()), campaign.createdBy(), local(campaign.createdAt()), local(campaign.startedAt()),
                local(campaign.finishedAt()));
    }

    private static List<WaveCounts> wavesOf(List<CampaignStore.RecipientCounts> earlier) {
        List<WaveCounts> waves = new java.util.ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            CampaignStore.RecipientCounts counts = earlier.get(i);
            waves.add(new WaveCounts(i + 1, counts.byState(), counts.notSentByReason(), counts.heldOut(),
                    counts.total()));
        }
        return waves;
    }

    private CampaignSummary summary(Campaign campaign) {
        return new CampaignSummary(campaign.id(), campaign.definition().name(), campaign.definition().kind(),
                campaign.status(), campaign.definition().priority(), local(campaign.createdAt()),
                local(campaign.startedAt()), local(campaign.finishedAt()));
    }

    private static Progress progressOf(Campaigns.WithCounts current) {
        CampaignStore.RecipientCounts counts = current.counts();
        return new Progress(current.campaign().id(), current.campaign().status(), counts.byState(),
                counts.notSentByReason(), counts.heldOut(), counts.replied(), counts.total());
    }

    private OffsetDateTime local(Instant at) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime();
    }
}
