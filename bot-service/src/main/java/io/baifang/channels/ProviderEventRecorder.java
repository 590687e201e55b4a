package io.baifang.channels;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What webhooks and the simulator report, stored first and announced second. Both reports are idempotent:
 * a provider id already stored, or a status already in a message's history, is answered {@code false} and
 * changes nothing. A quick look-up answers the usual repeat; the unique indexes settle two copies arriving
 * at once.
 */
@Component
class ProviderEventRecorder implements ProviderEvents {

    private static final Logger log = LoggerFactory.getLogger(ProviderEventRecorder.class);

    private final MessageStore store;
    private final CustomerDirectory customers;
    private final ChatLinks chatLinks;
    private final InboundAnnouncer announcer;
    private final ApplicationEventPublisher events;
    private final TransactionalOperator transaction;
    private final IdGenerator ids;
    private final Clock clock;

    ProviderEventRecorder(MessageStore store, CustomerDirectory customers, ChatLinks chatLinks,
                          InboundAnnouncer announcer, ApplicationEventPublisher events,
                          TransactionalOperator transaction, IdGenerator ids, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.chatLinks = chatLinks;
        this.announcer = announcer;
        this.events = events;
        this.transaction = transaction;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> inboundReceived(InboundMessage message) {
        return store.findByProviderId(message.provider(), message.providerId())
                .map(alreadyStored -> false)
                .switchIfEmpty(Mono.defer(() -> storeAndAnnounce(message)));
    }

    @Override
    public Mono<Boolean> statusReported(StatusReport report) {
        return messageReportedOn(report)
                .flatMap(message -> recordStatus(message, report.status(), report.errorCode(), reportedAt(report)))
                .defaultIfEmpty(false);
    }

    /**
     * Reports that carry our message id are recorded as one batch ({@link #recordStatuses}); the others (a
     * provider that knows only its own id) one by one.
     */
    @Override
    public Mono<Void> statusesReported(List<StatusReport> reports) {
        List<StatusBatch.Line> ours = new ArrayList<>();
        List<StatusReport> theirs = new ArrayList<>();
        for (StatusReport report : reports) {
            if (report.messageId() != null) {
                ours.add(new StatusBatch.Line(report.messageId(), report.providerId(), report.status(),
                        report.errorCode(), report.reportedAt()));
            } else {
                theirs.add(report);
            }
        }
        return recordStatuses(ours)
                .thenMany(Flux.fromIterable(theirs))
                .concatMap(this::statusReported)
                .then();
    }

    /**
     * Records many statuses of our messages in one transaction of two statements (history lines; provider ids
     * and moves forward), after reading where the messages stand; announces each message moved,
     * after the commit; answers where each stored outbound message then stands. The rules are those of
     * {@link #recordStatus}, decided by {@link StatusBatch}. Should a single report of one of them be recorded in
     * between (the history's unique index refuses the batch), the lines are recorded one by one instead.
     */
    Mono<Map<UUID, StatusBatch.After>> recordStatuses(List<StatusBatch.Line> lines) {
        if (lines.isEmpty()) {
            return Mono.just(Map.of());
        }
        Set<UUID> ids = new LinkedHashSet<>();
        lines.forEach(line -> ids.add(line.messageId()));
        return store.standingOf(ids).flatMap(standing -> recorded(lines, standing, false));
    }

    /**
     * Like {@link #recordStatuses(List)}, for the answers to a campaign batch's own send: the caller knows where
     * the messages stood (it stored them {@code QUEUED} itself a moment ago), so nothing is read first, and it
     * records what they answered as its result, so the moves are announced as {@code answeredToSender}. Should a
     * report have moved one of them on meanwhile, the database still refuses a repeated history line (the batch is
     * then recorded one by one, announced as reports) and a move backwards.
     */
    Mono<Map<UUID, StatusBatch.After>> recordAnswers(List<StatusBatch.Line> lines,
                                                     Map<UUID, MessageStore.Standing> standing) {
        return recorded(lines, standing, true);
    }

    private Mono<Map<UUID, StatusBatch.After>> recorded(List<StatusBatch.Line> lines,
                                                        Map<UUID, MessageStore.Standing> standing,
                                                        boolean answeredToSender) {
        if (lines.isEmpty()) {
            return Mono.just(Map.of());
        }
        Instant now = clock.instant();
        Set<UUID> ids = new LinkedHashSet<>();
        lines.forEach(line -> ids.add(line.messageId()));
        return Mono.fromSupplier(() -> StatusBatch.plan(lines, standing, now))
                .flatMap(plan -> written(plan, now).thenReturn(plan))
                .doOnNext(plan -> announceMoves(plan, now, answeredToSender))
                .map(StatusBatch.Plan::after)
                .onErrorResume(DataIntegrityViolationException.class, race -> oneByOne(lines, ids));
    }

    private Mono<Void> written(StatusBatch.Plan plan, Instant now) {
        if (plan.writesNothing()) {
            return Mono.empty();
        }
        Mono<Void> writes = store.appendHistories(plan.history())
                .then(store.applyChanges(plan.changes(), now))
                .then();
        return transaction.transactional(writes);
    }

    private void announceMoves(StatusBatch.Plan plan, Instant at, boolean answeredToSender) {
        plan.after().values().stream()
                .filter(StatusBatch.After::moved)
                .forEach(moved -> events.publishEvent(new DeliveryStatusChanged(moved.messageId(), moved.customerId(),
                        moved.campaignId(), moved.status(), moved.errorCode(), at, answeredToSender)));
    }

    private Mono<Map<UUID, StatusBatch.After>> oneByOne(List<StatusBatch.Line> lines, Set<UUID> ids) {
        log.debug("A batch of {} statuses met a single report of the same message; recording them one by one",
                lines.size());
        return Flux.fromIterable(lines)
                .concatMap(line -> statusReported(new StatusReport(null, line.providerId(), line.messageId(),
                        line.status(), line.errorCode(), line.reportedAt())))
                .then(store.standingOf(ids))
                .map(ProviderEventRecorder::standingAsAfter);
    }

    private static Map<UUID, StatusBatch.After> standingAsAfter(Map<UUID, MessageStore.Standing> standing) {
        Map<UUID, StatusBatch.After> after = new LinkedHashMap<>();
        standing.values().stream()
                .filter(message -> message.direction() == MessageDirection.OUTBOUND)
                .forEach(message -> after.put(message.id(), new StatusBatch.After(message.id(), message.customerId(),
                        message.campaignId(), message.status(), message.errorCode(), false)));
        return after;
    }

    /**
     * Records a status of one of our messages: appends it to the history (once per status) and moves the
     * current status forward if it is further along, then announces the change. Also the send path's way of
     * recording what the provider answered, so a report and the answer racing each other count once.
     */
    Mono<Boolean> recordStatus(MessageRow message, DeliveryStatus status, String errorCode, Instant reportedAt) {
        return store.historyHas(message.id(), status)
                .flatMap(known -> known ? Mono.just(false) : appendAndMove(message, status, errorCode, reportedAt));
    }

    // --- inbound

    private Mono<Boolean> storeAndAnnounce(InboundMessage message) {
        return senderOf(message)
                .map(customerId -> inboundRow(message, customerId))
                .switchIfEmpty(Mono.fromSupplier(() -> inboundRow(message, null)))
                .flatMap(row -> stored(row)
                        .flatMap(isNew -> isNew ? announcer.announce(row).thenReturn(true) : Mono.just(false)));
    }

    private Mono<UUID> senderOf(InboundMessage message) {
        if (message.from() == null) {
            return Mono.empty();
        }
        if (message.kind() == ChannelKind.WEBCHAT) {
            // on web chat the sender's address is their chat link, not a phone
            return chatLinks.customerAt(message.from());
        }
        return customers.findByPhone(bare(message.from())).map(Customer::id);
    }

    private Mono<Boolean> stored(MessageRow row) {
        Mono<Void> insert = store.insert(row)
                .then(store.appendHistory(row.id(), DeliveryStatus.RECEIVED, null, row.createdAt(), clock.instant()));
        return transaction.transactional(insert)
                .thenReturn(true)
                .onErrorResume(DataIntegrityViolationException.class, duplicate -> {
                    log.debug("Inbound {}:{} arrived twice at once; stored once", row.provider(), row.providerMessageId());
                    return Mono.just(false);
                });
    }

    private MessageRow inboundRow(InboundMessage message, UUID customerId) {
        Instant now = clock.instant();
        Instant receivedAt = message.receivedAt() == null ? now : message.receivedAt();
        String text = message.text() == null ? "" : message.text();
        return new MessageRow(ids.next(), customerId, MessageDirection.INBOUND, message.kind(), message.provider(),
                message.providerId(), message.from() == null ? "" : message.from(), null, null, text, null, null,
                null, null, DeliveryStatus.RECEIVED, null, null, null, null, 0, null, null, receivedAt, now);
    }

    /** WhatsApp senders arrive as {@code whatsapp:+86…}; the registry knows the bare number. */
    private static String bare(String address) {
        int colon = address.indexOf(':');
        return colon >= 0 ? address.substring(colon + 1) : address;
    }

    // --- status

    private Mono<MessageRow> messageReportedOn(StatusReport report) {
        Mono<MessageRow> byOurId = report.messageId() == null ? Mono.empty() : store.findById(report.messageId());
        Mono<MessageRow> byProviderId = report.providerId() == null
                ? Mono.empty()
                : Mono.defer(() -> store.findByProviderId(report.provider(), report.providerId()));
        return byOurId
                .switchIfEmpty(byProviderId)
                .filter(message -> message.direction() == MessageDirection.OUTBOUND)
                .flatMap(message -> withProviderId(message, report));
    }

    /** A status callback may be the first we hear of the provider's id (the send's answer was lost). */
    private Mono<MessageRow> withProviderId(MessageRow message, StatusReport report) {
        if (message.providerMessageId() != null || report.providerId() == null) {
            return Mono.just(message);
        }
        return store.recordProviderId(message.id(), report.providerId(), clock.instant()).thenReturn(message);
    }

    private Mono<Boolean> appendAndMove(MessageRow message, DeliveryStatus status, String errorCode,
                                        Instant reportedAt) {
        Instant now = clock.instant();
        Mono<Boolean> change = store.appendHistory(message.id(), status, errorCode, reportedAt, now)
                .then(store.moveForward(message.id(), status, errorCode, now));
        return transaction.transactional(change)
                // last() waits for completion, which comes after the commit: announce only what is committed
                .flux().last()
                .doOnNext(moved -> announceIfMoved(moved, message, status, errorCode, now))
                .thenReturn(true)
                .onErrorResume(DataIntegrityViolationException.class, duplicate -> Mono.just(false));
    }

    private void announceIfMoved(boolean moved, MessageRow message, DeliveryStatus status, String errorCode,
                                 Instant at) {
        if (moved) {
            events.publishEvent(new DeliveryStatusChanged(message.id(), message.customerId(), message.campaignId(),
                    status, errorCode, at));
        }
    }

    private Instant reportedAt(StatusReport report) {
        return report.reportedAt() == null ? clock.instant() : report.reportedAt();
    }
}
