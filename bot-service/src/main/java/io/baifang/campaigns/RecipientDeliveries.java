package io.baifang.campaigns;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.DeliveryStatusChanged;
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
 * Moves campaign recipients to {@code DELIVERED} or {@code FAILED} as the providers report on their messages
 * ({@link DeliveryStatusChanged} from channels, which carries the campaign). The listener only queues the
 * report; every {@code baifang.campaigns.delivery-flush} the queue is written in one statement per campaign,
 * wave and outcome. Idempotent: a recipient only moves forward from {@code SENDING} or {@code SENT}.
 *
 * <p>The message says which recipient it is: its id is derived from the campaign, the wave and the customer
 * ({@link RecipientAssignment#messageIdOf}), so the wave is the one whose derived id matches. A report queued
 * here when the process stops is not written; the message keeps its status in the channels' store, and the
 * recipient stays {@code SENT}.
 */
@Component
class RecipientDeliveries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RecipientDeliveries.class);

    private static final int FLUSH_LIMIT = 10_000;

    private final Queue<DeliveryStatusChanged> reported = new ConcurrentLinkedQueue<>();
    private final CampaignStore store;
    private final CampaignsProperties settings;
    private final Clock clock;
    private volatile Disposable flushing;

    RecipientDeliveries(CampaignStore store, CampaignsProperties settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void on(DeliveryStatusChanged change) {
        // a status in the answer to a batch's own send is recorded by that batch (CampaignStore.record)
        if (change.campaignId() != null && !change.answeredToSender() && stateOf(change.status()) != null) {
            reported.add(change);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void startFlushing() {
        flushing = Flux.interval(settings.deliveryFlush(), settings.deliveryFlush())
                .onBackpressureDrop()
                .concatMap(tick -> flush(), 1)
                .subscribe();
    }

    /** Writes the reports queued so far; how many recipients moved. */
    Mono<Long> flush() {
        List<DeliveryStatusChanged> changes = new ArrayList<>();
        DeliveryStatusChanged next;
        while (changes.size() < FLUSH_LIMIT && (next = reported.poll()) != null) {
            changes.add(next);
        }
        if (changes.isEmpty()) {
            return Mono.just(0L);
        }
        Map<String, List<DeliveryStatusChanged>> byCampaign = new LinkedHashMap<>();
        changes.forEach(change -> byCampaign.computeIfAbsent(change.campaignId(), id -> new ArrayList<>()).add(change));
        return Flux.fromIterable(byCampaign.entrySet())
                .concatMap(campaign -> write(campaign.getKey(), campaign.getValue()))
                .reduce(0L, Long::sum)
                .onErrorResume(failure -> {
                    log.warn("Could not write {} delivery reports to campaign recipients", changes.size(), failure);
                    return Mono.just(0L);
                });
    }

    private record Group(int wave, RecipientState state, String reason) {
    }

    private Mono<Long> write(String campaignKey, List<DeliveryStatusChanged> changes) {
        UUID campaignId;
        try {
            campaignId = UUID.fromString(campaignKey);
        } catch (IllegalArgumentException notOurs) {
            return Mono.just(0L);
        }
        return store.find(campaignId)
                .flatMapMany(campaign -> Flux.fromIterable(groupsOf(campaign, changes).entrySet()))
                .concatMap(group -> store.delivered(campaignId, group.getKey().wave(), group.getKey().state(),
                        group.getKey().reason(), group.getValue(), clock.instant()))
                .reduce(0L, Long::sum);
    }

    private static Map<Group, List<UUID>> groupsOf(Campaign campaign, List<DeliveryStatusChanged> changes) {
        Map<Group, List<UUID>> groups = new LinkedHashMap<>();
        for (DeliveryStatusChanged change : changes) {
            Integer wave = waveOf(campaign, change);
            if (wave == null) {
                continue;
            }
            RecipientState state = stateOf(change.status());
            String reason = state == RecipientState.FAILED ? change.errorCode() : null;
            groups.computeIfAbsent(new Group(wave, state, reason), group -> new ArrayList<>()).add(change.customerId());
        }
        return groups;
    }

    private static Integer waveOf(Campaign campaign, DeliveryStatusChanged change) {
        if (change.customerId() == null) {
            return null;
        }
        for (int wave = campaign.wave(); wave >= 1; wave--) {
            if (RecipientAssignment.messageIdOf(campaign.id(), wave, change.customerId()).equals(change.messageId())) {
                return wave;
            }
        }
        return null;
    }

    private static RecipientState stateOf(DeliveryStatus status) {
        return switch (status) {
            case DELIVERED -> RecipientState.DELIVERED;
            case FAILED, UNDELIVERED -> RecipientState.FAILED;
            default -> null;
        };
    }

    @Override
    public void destroy() {
        Disposable running = flushing;
        if (running != null) {
            running.dispose();
        }
    }
}
