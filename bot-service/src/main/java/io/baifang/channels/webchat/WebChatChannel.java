package io.baifang.channels.webchat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.baifang.channels.ChannelKind;
import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.MessageDirection;
import io.baifang.channels.OutboundChannel;
import io.baifang.channels.OutboundMessage;
import io.baifang.channels.ProviderEvents;
import io.baifang.channels.RejectionReason;
import io.baifang.channels.SendOutcome;
import io.baifang.channels.StatusReport;
import io.baifang.shared.BaifangProperties;
import io.baifang.shared.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Web chat as an outbound channel (provider {@code webchat}): the message, already stored by the send path,
 * is pushed to every chat socket the customer has open on this instance. It is {@code SENT} at once (it
 * waits in the chat) and {@code DELIVERED} when an open page took it; otherwise {@code DELIVERED} is
 * reported when the customer next opens the chat and the page loads it ({@link CustomerChat#opened}). The
 * address is the id of the customer's chat link; one that is not a link of ours is rejected for good.
 */
@Component
class WebChatChannel implements OutboundChannel {

    private static final Logger log = LoggerFactory.getLogger(WebChatChannel.class);

    private final ChatLinkRegistry links;
    private final ChatSockets sockets;
    private final ChatFrames frames;
    private final ProviderEvents events;
    private final BaifangProperties baifang;
    private final IdGenerator ids;
    private final Clock clock;

    WebChatChannel(ChatLinkRegistry links, ChatSockets sockets, ChatFrames frames, ProviderEvents events,
                   BaifangProperties baifang, IdGenerator ids, Clock clock) {
        this.links = links;
        this.sockets = sockets;
        this.frames = frames;
        this.events = events;
        this.baifang = baifang;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBCHAT;
    }

    @Override
    public String provider() {
        return CustomerChat.PROVIDER;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message) {
        String providerId = "wc-" + ids.next();
        return links.customerAt(message.to())
                .flatMap(customerId -> deliver(message, customerId, providerId))
                .switchIfEmpty(Mono.fromSupplier(() -> (SendOutcome) new SendOutcome.Rejected(RejectionReason.OTHER,
                        "unknown-chat-link", "the address is not a chat link")))
                .onErrorResume(failure -> {
                    log.warn("Web chat could not take message {}; it stays queued", message.messageId(), failure);
                    return Mono.just(new SendOutcome.RetryLater("webchat: " + failure.getClass().getSimpleName(),
                            Duration.ZERO));
                });
    }

    private Mono<SendOutcome> deliver(OutboundMessage message, UUID customerId, String providerId) {
        Instant now = clock.instant();
        ChatLine line = new ChatLine(message.messageId(), MessageDirection.OUTBOUND, message.text(),
                now.atZone(baifang.zone()).toOffsetDateTime());
        int taken = sockets.push(customerId, frames.message(line), null);
        Mono<Boolean> delivered = taken > 0 ? report(message, providerId, DeliveryStatus.DELIVERED, now) : Mono.empty();
        return report(message, providerId, DeliveryStatus.SENT, now)
                .then(delivered)
                .thenReturn((SendOutcome) new SendOutcome.Accepted(providerId));
    }

    private Mono<Boolean> report(OutboundMessage message, String providerId, DeliveryStatus status, Instant at) {
        return events.statusReported(new StatusReport(CustomerChat.PROVIDER, providerId, message.messageId(), status,
                null, at));
    }
}
