package io.baifang.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.baifang.channels.CampaignMessaging;
import io.baifang.channels.CampaignMessaging.Result;
import io.baifang.channels.StoredMessage;
import io.baifang.contactpolicy.ContactGate;
import io.baifang.contactpolicy.ContactLogEntry;
import io.baifang.shared.BaifangProperties;
import io.baifang.shared.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends one batch of a running campaign: claim → assign (hold-out, variant, message id, derived from the ids) →
 * send through {@link CampaignMessaging} (contact policy → render → channel → record) → record each recipient's
 * outcome, its variant and the hold-out group.
 * Every step writes set-based; nothing of the campaign beyond one batch is ever in memory.
 *
 * <p>At most once: a recipient's message id is derived from the campaign, the wave and the customer before
 * the send, and the message is stored under it before it is handed to the channel (a second store of that id
 * fails on the primary key). A claim whose dispatcher stopped (its lease ran out) is reconciled, never sent
 * blindly again: a recipient whose message is stored takes that message's status; one without is pending
 * again, its contact released if the stopped batch had it counted.
 */
@Component
class CampaignDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);

    private final CampaignStore store;
    private final CampaignMessaging messaging;
    private final ContactGate gate;
    private final CampaignsProperties settings;
    private final IdGenerator ids;
    private final Clock clock;
    private final ZoneId zone;

    CampaignDispatcher(CampaignStore store, CampaignMessaging messaging, ContactGate gate, CampaignsProperties settings,
                       IdGenerator ids, Clock clock, BaifangProperties baifang) {
        this.store = store;
        this.messaging = messaging;
        this.gate = gate;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.zone = baifang.zone();
    }

    /** Claims and sends the next batch; how many recipients it claimed (0: none is due). */
    Mono<Integer> sendNextBatch(Campaign campaign) {
        UUID token = ids.next();
        Instant now = clock.instant();
        int size = SendPace.batchSize(settings.batchSize(), campaign.definition().ratePerSecond());
        return store.claim(campaign.id(), campaign.wave(), size, token, now, now.plus(settings.claimLease()))
                .collectList()
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0) : send(campaign, token, claimed));
    }

    /** Reconciles claims whose dispatcher stopped before recording them; how many it took up. */
    Mono<Integer> reconcileAbandoned(Campaign campaign) {
        UUID token = ids.next();
        Instant now = clock.instant();
        return store.claimAbandoned(campaign.id(), campaign.wave(), settings.batchSize(), token, now,
                        now.plus(settings.claimLease()))
                .collectList()
                .flatMap(abandoned -> abandoned.isEmpty() ? Mono.just(0) : reconcile(campaign, token, abandoned));
    }

    // --- the steps of a batch

    private Mono<Integer> send(Campaign campaign, UUID token, List<UUID> claimed) {
        Map<UUID, RecipientAssignment> assignments = assignmentsOf(campaign, claimed);
        return messaging.send(batchOf(campaign, assignments)).collectList()
                .map(results -> updatesOf(campaign, results, assignments))
                .flatMap(updates -> store.record(campaign.id(), campaign.wave(), token, updates, clock.instant()))
                .thenReturn(claimed.size());
    }

    private static Map<UUID, RecipientAssignment> assignmentsOf(Campaign campaign, List<UUID> claimed) {
        CampaignDefinition definition = campaign.definition();
        Map<UUID, RecipientAssignment> assignments = new LinkedHashMap<>();
        for (UUID customerId : claimed) {
            assignments.put(customerId, RecipientAssignment.of(campaign.id(), campaign.wave(), customerId,
                    definition.holdOutPercent(), definition.variantsOf(campaign.wave())));
        }
        return assignments;
    }

    private CampaignMessaging.Batch batchOf(Campaign campaign, Map<UUID, RecipientAssignment> assignments) {
        CampaignDefinition definition = campaign.definition();
        List<CampaignMessaging.Recipient> recipients = new ArrayList<>();
        assignments.forEach((customerId, assignment) -> {
            if (!assignment.heldOut()) {
                recipients.add(new CampaignMessaging.Recipient(customerId, assignment.messageId(),
                        assignment.variant().templateId(), assignment.variant().variantId(), definition.channels()));
            }
        });
        return new CampaignMessaging.Batch(campaign.key(), campaign.wave(), definition.priority(), recipients,
                variablesOf(definition), ContactLogEntry.SYSTEM);
    }

    /** The campaign's variables, and the offered date as the customer reads it today. */
    private Map<String, String> variablesOf(CampaignDefinition definition) {
        Map<String, String> variables = new LinkedHashMap<>(definition.variables());
        if (definition.offeredDate() != null) {
            variables.put(CampaignDefinition.OFFERED_DAY,
                    OfferedDay.asSaidOn(definition.offeredDate(), clock.instant().atZone(zone).toLocalDate()));
        }
        return variables;
    }

    /** What each claimed recipient's row becomes: the send's result, or set aside in the hold-out group. */
    private List<RecipientUpdate> updatesOf(Campaign campaign, List<Result> results,
                                            Map<UUID, RecipientAssignment> assignments) {
        Instant now = clock.instant();
        Instant sendUntil = campaign.definition().sendUntil() == null ? null
                : campaign.definition().sendUntil().toInstant();
        List<RecipientUpdate> updates = new ArrayList<>(assignments.size());
        assignments.forEach((customerId, assignment) -> {
            if (assignment.heldOut()) {
                updates.add(RecipientUpdate.heldOut(customerId, assignment.variant().key()));
            }
        });
        results.forEach(result -> updates.add(RecipientUpdate.of(result,
                assignments.get(result.customerId()).variant().key(), sendUntil, now, settings.pausedRetry())));
        return updates;
    }

    // --- reconciliation

    private Mono<Integer> reconcile(Campaign campaign, UUID token, List<UUID> abandoned) {
        Map<UUID, UUID> customerByMessage = new LinkedHashMap<>();
        for (UUID customerId : abandoned) {
            customerByMessage.put(RecipientAssignment.messageIdOf(campaign.id(), campaign.wave(), customerId),
                    customerId);
        }
        return messaging.findAll(customerByMessage.keySet())
                .collectMap(StoredMessage::id)
                .map(stored -> reconciled(customerByMessage, stored))
                .flatMap(updates -> releaseOrphanContacts(campaign, updates).thenReturn(updates))
                .flatMap(updates -> store.record(campaign.id(), campaign.wave(), token, updates, clock.instant())
                        .doOnSuccess(done -> logReconciled(campaign, updates)))
                .thenReturn(abandoned.size());
    }

    private static void logReconciled(Campaign campaign, List<RecipientUpdate> updates) {
        long pendingAgain = updates.stream().filter(update -> update.state() == RecipientState.PENDING).count();
        log.info("Campaign {} wave {}: reconciled {} recipients of an abandoned claim, {} with their message stored, "
                + "{} pending again", campaign.id(), campaign.wave(), updates.size(), updates.size() - pendingAgain,
                pendingAgain);
    }

    /**
     * A recipient with no message stored may still have been counted: its dispatcher stopped between the
     * contact policy's answer and the store (with or without the contact-log line). That contact is released,
     * so the recipient is decided afresh rather than refused by its own wave. (Should the old dispatcher be
     * alive after all, its late store of the same message id fails on the primary key: still nothing is sent
     * twice.)
     */
    private Mono<Void> releaseOrphanContacts(Campaign campaign, List<RecipientUpdate> updates) {
        List<UUID> pendingAgain = updates.stream()
                .filter(update -> update.state() == RecipientState.PENDING)
                .map(RecipientUpdate::customerId)
                .toList();
        return gate.releaseUnsent(campaign.key(), campaign.wave(), pendingAgain)
                .doOnNext(unlogged -> {
                    if (unlogged > 0) {
                        log.info("Campaign {} wave {}: released {} contacts counted without a contact-log line "
                                + "(the dispatcher stopped between counting and logging)", campaign.id(),
                                campaign.wave(), unlogged);
                    }
                })
                .then();
    }

    private static List<RecipientUpdate> reconciled(Map<UUID, UUID> customerByMessage,
                                                    Map<UUID, StoredMessage> stored) {
        List<RecipientUpdate> updates = new ArrayList<>();
        customerByMessage.forEach((messageId, customerId) -> updates.add(
                RecipientUpdate.reconciled(customerId, messageId, stored.get(messageId))));
        return updates;
    }
}
