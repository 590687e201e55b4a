package io.baifang.channels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.baifang.channels.MessageStore.Change;
import io.baifang.channels.MessageStore.HistoryLine;
import io.baifang.channels.MessageStore.Standing;

/**
 * What recording many statuses of our messages at once comes to, decided in plain Java from where each message
 * stands: the history lines to append (once per status and message), and one change per message — the provider
 * id learnt (a message that has none) and the move forward (to the furthest status reported, if further than its
 * own) — and where each message then stands. The same rules as recording one status at a time
 * ({@link ProviderEventRecorder#recordStatus}), so a batch and single reports racing each other agree.
 */
final class StatusBatch {

    /** One status of one of our messages, as a provider reported it or the send path learnt it. */
    record Line(UUID messageId, String providerId, DeliveryStatus status, String errorCode, Instant reportedAt) {
    }

    /** A message's status after the batch, and whether the batch moved it there. */
    record After(UUID messageId, UUID customerId, String campaignId, DeliveryStatus status, String errorCode,
                 boolean moved) {
    }

    record Plan(List<HistoryLine> history, List<Change> changes, Map<UUID, After> after) {

        boolean writesNothing() {
            return history.isEmpty() && changes.isEmpty();
        }
    }

    private StatusBatch() {
    }

    /** Lines of messages that are not stored, or not outbound, are left out (as a single report of them is). */
    static Plan plan(List<Line> lines, Map<UUID, Standing> standing, Instant now) {
        List<HistoryLine> history = new ArrayList<>();
        Map<UUID, String> providerIds = new LinkedHashMap<>();
        Map<UUID, Set<DeliveryStatus>> known = new LinkedHashMap<>();
        Map<UUID, Change> furthest = new LinkedHashMap<>();
        for (Line line : lines) {
            Standing message = standing.get(line.messageId());
            if (message == null || message.direction() != MessageDirection.OUTBOUND) {
                continue;
            }
            if (message.providerMessageId() == null && line.providerId() != null) {
                providerIds.putIfAbsent(message.id(), line.providerId());
            }
            Set<DeliveryStatus> statuses = known.computeIfAbsent(message.id(), id -> copyOf(message.history()));
            if (!statuses.add(line.status())) {
                continue;
            }
            history.add(new HistoryLine(message.id(), line.status(), line.errorCode(),
                    line.reportedAt() == null ? now : line.reportedAt(), now));
            DeliveryStatus current = furthest.containsKey(message.id()) ? furthest.get(message.id()).status()
                    : message.status();
            if (StatusOrder.rankOf(line.status()) > StatusOrder.rankOf(current)) {
                furthest.put(message.id(), new Change(message.id(), null, line.status(), line.errorCode()));
            }
        }
        Map<UUID, After> after = new LinkedHashMap<>();
        for (Line line : lines) {
            Standing message = standing.get(line.messageId());
            if (message == null || message.direction() != MessageDirection.OUTBOUND || after.containsKey(message.id())) {
                continue;
            }
            Change move = furthest.get(message.id());
            after.put(message.id(), move == null
                    ? new After(message.id(), message.customerId(), message.campaignId(), message.status(),
                            message.errorCode(), false)
                    : new After(message.id(), message.customerId(), message.campaignId(), move.status(),
                            move.errorCode(), true));
        }
        return new Plan(history, changesOf(providerIds, furthest), after);
    }

    /** One change per message: its provider id learnt, its move forward, or both. */
    private static List<Change> changesOf(Map<UUID, String> providerIds, Map<UUID, Change> moves) {
        Map<UUID, Change> changes = new LinkedHashMap<>(moves);
        providerIds.forEach((id, providerId) -> changes.merge(id, new Change(id, providerId, null, null),
                (move, learnt) -> new Change(id, providerId, move.status(), move.errorCode())));
        return List.copyOf(changes.values());
    }

    private static Set<DeliveryStatus> copyOf(Set<DeliveryStatus> statuses) {
        return statuses.isEmpty() ? EnumSet.noneOf(DeliveryStatus.class) : EnumSet.copyOf(statuses);
    }
}
