package io.baifang.channels;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

/**
 * A provider the test scripts: each send takes the next scripted outcome, or is accepted when the script is
 * empty. An accepted message is reported {@code SENT} then {@code DELIVERED} through {@link ProviderEvents},
 * the way a provider's status callbacks arrive.
 */
class ScriptedChannel implements OutboundChannel {

    static final String PROVIDER = "scripted";

    private final ChannelKind kind;
    private final ProviderEvents events;
    private final Deque<SendOutcome> script = new ArrayDeque<>();
    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger providerIds = new AtomicInteger();

    ScriptedChannel(ChannelKind kind, ProviderEvents events) {
        this.kind = kind;
        this.events = events;
    }

    synchronized void willAnswer(SendOutcome... outcomes) {
        script.addAll(List.of(outcomes));
    }

    synchronized void reset() {
        whileSending = message -> Mono.empty();
        script.clear();
        sent.clear();
    }

    /** Every message handed to this channel, each try counted. */
    List<OutboundMessage> sent() {
        return List.copyOf(sent);
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    /** What the provider does with each message before it answers (a test looks at the store meanwhile). */
    private volatile java.util.function.Function<OutboundMessage, Mono<?>> whileSending = message -> Mono.empty();

    void whileSending(java.util.function.Function<OutboundMessage, Mono<?>> step) {
        whileSending = step;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message) {
        sent.add(message);
        return whileSending.apply(message).then(Mono.defer(() -> answer(message)));
    }

    private Mono<SendOutcome> answer(OutboundMessage message) {
        SendOutcome outcome = next();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            return report(message, accepted.providerId(), DeliveryStatus.SENT)
                    .then(report(message, accepted.providerId(), DeliveryStatus.DELIVERED))
                    .thenReturn(outcome);
        }
        return Mono.just(outcome);
    }

    private synchronized SendOutcome next() {
        SendOutcome scripted = script.poll();
        return scripted != null ? scripted : new SendOutcome.Accepted("SCR" + kind + providerIds.incrementAndGet());
    }

    private Mono<Boolean> report(OutboundMessage message, String providerId, DeliveryStatus status) {
        return events.statusReported(new StatusReport(PROVIDER, providerId, message.messageId(), status, null,
                Instant.now()));
    }
}
