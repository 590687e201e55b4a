package io.baifang.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.baifang.channels.ChannelKind;
import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.OutboundChannel;
import io.baifang.channels.OutboundMessage;
import io.baifang.channels.ProviderEvents;
import io.baifang.channels.SendOutcome;
import io.baifang.channels.StatusReport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SMS provider of the campaign contract tests: accepts every message, keeps it, and reports it
 * {@code SENT} as a provider's first callback would. Delivery is reported when a test says so
 * ({@link #deliverAll}), the way a real provider's later callbacks arrive.
 */
class CampaignTestChannel implements OutboundChannel {

    static final String PROVIDER = "campaign-test";

    private final ProviderEvents events;
    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger providerIds = new AtomicInteger();

    CampaignTestChannel(ProviderEvents events) {
        this.events = events;
    }

    void reset() {
        sent.clear();
    }

    /** Every message handed to this channel, each try counted. */
    List<OutboundMessage> sent() {
        return List.copyOf(sent);
    }

    long sentTo(String address) {
        return sent.stream().filter(message -> message.to().equals(address)).count();
    }

    /** The provider reports every message handed to it so far delivered. */
    Mono<Long> deliverAll() {
        return Flux.fromIterable(sent())
                .concatMap(message -> events.statusReported(new StatusReport(PROVIDER, null, message.messageId(),
                        DeliveryStatus.DELIVERED, null, Instant.now())))
                .count();
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message) {
        sent.add(message);
        String providerId = "CT" + providerIds.incrementAndGet();
        return events.statusReported(new StatusReport(PROVIDER, providerId, message.messageId(), DeliveryStatus.SENT,
                        null, Instant.now()))
                .thenReturn(new SendOutcome.Accepted(providerId));
    }
}
