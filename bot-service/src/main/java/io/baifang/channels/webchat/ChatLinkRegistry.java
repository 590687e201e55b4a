package io.baifang.channels.webchat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.baifang.channels.ChatLink;
import io.baifang.channels.ChatLinks;
import io.baifang.shared.BaifangProperties;
import io.baifang.shared.IdGenerator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The web chat links: made with a fresh token (shown once, in {@link ChatLink#url()}), opened by token,
 * revoked by staff. An opened token is one of three answers: the active link, {@link Opened.Gone} (expired or
 * revoked: the customer is told so) or {@link Opened.Unknown} (never ours: nothing is said about it).
 */
@Component
class ChatLinkRegistry implements ChatLinks {

    private final ChatLinkStore store;
    private final ChatTokens tokens;
    private final WebChatProperties settings;
    private final String chatBase;
    private final IdGenerator ids;
    private final Clock clock;

    ChatLinkRegistry(ChatLinkStore store, WebChatProperties settings, BaifangProperties baifang, IdGenerator ids,
                     Clock clock) {
        this.store = store;
        this.tokens = new ChatTokens(new SecureRandom());
        this.settings = settings;
        String base = baifang.publicBaseUrl().toString();
        this.chatBase = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/";
        this.ids = ids;
        this.clock = clock;
    }

    /** What a token opens. */
    sealed interface Opened {

        record Active(ChatLink link) implements Opened {
        }

        record Gone(ChatLink.State state) implements Opened {
        }

        record Unknown() implements Opened {
        }
    }

    @Override
    public Mono<ChatLink> create(UUID customerId, String createdBy) {
        Instant now = clock.instant();
        String token = tokens.next();
        ChatLink link = new ChatLink(ids.next(), customerId, chatBase + token, createdBy == null ? "system" : createdBy,
                now, settings.linksExpire() ? now.plus(settings.linkLifetime()) : null, null);
        return store.insert(link, ChatTokens.hashOf(token)).thenReturn(link);
    }

    @Override
    public Mono<ChatLink> newestActiveOf(UUID customerId) {
        return store.newestActiveOf(customerId, clock.instant());
    }

    @Override
    public Mono<UUID> customerAt(String address) {
        UUID linkId = linkIdOf(address);
        return linkId == null ? Mono.empty() : store.findById(linkId).map(ChatLink::customerId);
    }

    Mono<Opened> open(String token) {
        if (!ChatTokens.wellFormed(token)) {
            return Mono.just(new Opened.Unknown());
        }
        return store.findByTokenHash(ChatTokens.hashOf(token))
                .map(this::openedAtNow)
                .defaultIfEmpty(new Opened.Unknown());
    }

    /** The link is still active now (checked again for every message a customer sends on an open chat). */
    boolean stillActive(ChatLink link) {
        return link.stateAt(clock.instant()) == ChatLink.State.ACTIVE;
    }

    /** Re-reads a link, to learn whether staff revoked it since it was opened. */
    Mono<Boolean> stillActive(UUID linkId) {
        return store.findById(linkId).map(this::stillActive).defaultIfEmpty(false);
    }

    Mono<Long> revokeAllOf(UUID customerId, String revokedBy) {
        return store.revokeAllOf(customerId, revokedBy, clock.instant());
    }

    private Opened openedAtNow(ChatLink link) {
        ChatLink.State state = link.stateAt(clock.instant());
        return state == ChatLink.State.ACTIVE ? new Opened.Active(link) : new Opened.Gone(state);
    }

    private static UUID linkIdOf(String address) {
        try {
            return address == null ? null : UUID.fromString(address);
        } catch (IllegalArgumentException notALinkId) {
            return null;
        }
    }
}
