package io.baifang.channels.webchat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.baifang.channels.ChannelKind;
import io.baifang.channels.ChatLink;
import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.InboundMessage;
import io.baifang.channels.MessageDirection;
import io.baifang.channels.Messaging;
import io.baifang.channels.ProviderEvents;
import io.baifang.channels.StatusReport;
import io.baifang.channels.StoredMessage;
import io.baifang.shared.BaifangProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The customer's side of web chat, whether the page talks over the socket or the HTTP fallback.
 * <ul>
 * <li>{@link #opened}: the latest messages of the chat; the bank's messages the page had not received yet
 * ({@code SENT}) are reported {@code DELIVERED} now, because the page has them.</li>
 * <li>{@link #received}: a message the customer typed, checked ({@link CustomerText}), within the customer's
 * {@link SendAllowance}, on a link still active, handed to {@link ProviderEvents#inboundReceived} as provider
 * {@code webchat} with an id made of the customer and the page's client id (so a resend is stored once), then
 * shown in the customer's other tabs.</li>
 * </ul>
 */
@Component
class CustomerChat {

    static final String PROVIDER = "webchat";

    /** Customers remembered for the rate limit before the ones with a full allowance are forgotten. */
    private static final int REMEMBERED = 10_000;

    private final Messaging messaging;
    private final ProviderEvents events;
    private final ChatLinkRegistry links;
    private final ChatSockets sockets;
    private final ChatFrames frames;
    private final WebChatProperties settings;
    private final BaifangProperties baifang;
    private final Clock clock;
    private final ConcurrentHashMap<UUID, SendAllowance> allowances = new ConcurrentHashMap<>();

    CustomerChat(Messaging messaging, ProviderEvents events, ChatLinkRegistry links, ChatSockets sockets,
                 ChatFrames frames, WebChatProperties settings, BaifangProperties baifang, Clock clock) {
        this.messaging = messaging;
        this.events = events;
        this.links = links;
        this.sockets = sockets;
        this.frames = frames;
        this.settings = settings;
        this.baifang = baifang;
        this.clock = clock;
    }

    /** What became of a message the customer sent. */
    sealed interface Received {

        record Stored(String clientId, ChatLine line, boolean duplicate) implements Received {
        }

        record Refused(String code, String field, String message, String detail, String clientId) implements Received {
        }

        record TooFast(Duration retryAfter, String clientId) implements Received {
        }

        record LinkGone(String clientId) implements Received {
        }
    }

    Mono<List<ChatLine>> opened(ChatLink link) {
        return messaging.recentOn(link.customerId(), ChannelKind.WEBCHAT, settings.threadSize())
                .filter(CustomerChat::shown)
                .concatMap(message -> reportDeliveredIfNew(message).thenReturn(message))
                .map(this::lineOf)
                .collectList();
    }

    /** {@code from} is the socket it came on (its other tabs are told), null from the HTTP fallback. */
    Mono<Received> received(ChatLink link, String clientId, String text, ChatSockets.ChatSocket from) {
        CustomerText.Checked checked = CustomerText.check(clientId, text);
        if (checked instanceof CustomerText.Checked.Refused refused) {
            return Mono.just(new Received.Refused(refused.code(), refused.field(), refused.message(), refused.detail(),
                    clientId));
        }
        CustomerText.Checked.Accepted accepted = (CustomerText.Checked.Accepted) checked;
        if (allowanceOf(link.customerId()).take(clock.instant()) instanceof SendAllowance.Decision.Wait wait) {
            return Mono.just(new Received.TooFast(wait.atLeast(), clientId));
        }
        return links.stillActive(link.id())
                .flatMap(active -> active
                        ? store(link, accepted, from)
                        : Mono.just(new Received.LinkGone(clientId)));
    }

    private Mono<Received> store(ChatLink link, CustomerText.Checked.Accepted message, ChatSockets.ChatSocket from) {
        String providerId = providerIdOf(link.customerId(), message.clientId());
        InboundMessage inbound = new InboundMessage(PROVIDER, providerId, ChannelKind.WEBCHAT, link.id().toString(),
                PROVIDER, message.text(), clock.instant());
        return events.inboundReceived(inbound)
                .flatMap(isNew -> messaging.findByProviderId(PROVIDER, providerId)
                        .map(this::lineOf)
                        .doOnNext(line -> showInOtherTabs(isNew, link, line, from))
                        .map(line -> (Received) new Received.Stored(message.clientId(), line, !isNew)));
    }

    private void showInOtherTabs(boolean isNew, ChatLink link, ChatLine line, ChatSockets.ChatSocket from) {
        if (isNew) {
            sockets.push(link.customerId(), frames.message(line), from);
        }
    }

    private Mono<Boolean> reportDeliveredIfNew(StoredMessage message) {
        if (message.direction() != MessageDirection.OUTBOUND || message.status() != DeliveryStatus.SENT) {
            return Mono.just(false);
        }
        return events.statusReported(new StatusReport(PROVIDER, message.providerMessageId(), message.id(),
                DeliveryStatus.DELIVERED, null, clock.instant()));
    }

    private SendAllowance allowanceOf(UUID customerId) {
        Instant now = clock.instant();
        if (allowances.size() > REMEMBERED) {
            allowances.values().removeIf(allowance -> allowance.isFull(now));
        }
        return allowances.computeIfAbsent(customerId,
                id -> new SendAllowance(settings.burst(), settings.refillEvery(), now));
    }

    ChatLine lineOf(StoredMessage message) {
        return new ChatLine(message.id(), message.direction(), message.text(),
                message.createdAt().atZone(baifang.zone()).toOffsetDateTime());
    }

    /** Stable for one customer's client id, and never the same for two customers: 39 characters. */
    static String providerIdOf(UUID customerId, String clientId) {
        byte[] name = (customerId + "/" + clientId).getBytes(StandardCharsets.UTF_8);
        return "wc-" + UUID.nameUUIDFromBytes(name);
    }

    /** A failed message never reached the chat; everything else is the conversation. */
    private static boolean shown(StoredMessage message) {
        return message.status() != DeliveryStatus.FAILED;
    }
}
