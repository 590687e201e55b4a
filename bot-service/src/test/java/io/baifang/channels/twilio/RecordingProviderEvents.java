package io.baifang.channels.twilio;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.baifang.channels.InboundMessage;
import io.baifang.channels.ProviderEvents;
import io.baifang.channels.StatusReport;
import reactor.core.publisher.Mono;

/**
 * {@link ProviderEvents} as its contract describes it, in memory: idempotent by provider id (and status, for
 * reports), answering {@code false} for a repeat. The webhook tests read what reached it.
 */
final class RecordingProviderEvents implements ProviderEvents {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    final List<InboundMessage> inbound = new CopyOnWriteArrayList<>();
    final List<StatusReport> reports = new CopyOnWriteArrayList<>();
    final List<Object> calls = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Boolean> inboundReceived(InboundMessage message) {
        return Mono.fromCallable(() -> {
            calls.add(message);
            boolean isNew = seen.add("in:" + message.provider() + ":" + message.providerId());
            if (isNew) {
                inbound.add(message);
            }
            return isNew;
        });
    }

    @Override
    public Mono<Boolean> statusReported(StatusReport report) {
        return Mono.fromCallable(() -> {
            calls.add(report);
            boolean isNew = seen.add("status:" + report.provider() + ":" + report.providerId() + ":" + report.status());
            if (isNew) {
                reports.add(report);
            }
            return isNew;
        });
    }

    void forget() {
        seen.clear();
        inbound.clear();
        reports.clear();
        calls.clear();
    }
}
