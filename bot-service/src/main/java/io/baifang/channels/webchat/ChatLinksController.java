package io.baifang.channels.webchat;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.baifang.channels.ChatLink;
import io.baifang.customers.CustomerDirectory;
import io.baifang.security.CurrentStaff;
import io.baifang.shared.BaifangProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Staff and a customer's web chat link ({@code /api/customers/{id}/chat-link}), scoped by branch like every
 * customer endpoint (outside the caller's branches: 404).
 * <ul>
 * <li>{@code POST}: a new link, 201 with its {@code url}; the only time the url is shown, because only the
 * token's hash is kept. Earlier links keep working until they expire.</li>
 * <li>{@code GET}: the newest active link, without its url; 404 when there is none.</li>
 * <li>{@code DELETE}: revokes every link of the customer and closes their open chats; 204.</li>
 * </ul>
 */
@RestController
class ChatLinksController {

    private final ChatLinkRegistry links;
    private final ChatSockets sockets;
    private final ChatFrames frames;
    private final CustomerDirectory customers;
    private final CurrentStaff currentStaff;
    private final BaifangProperties baifang;

    ChatLinksController(ChatLinkRegistry links, ChatSockets sockets, ChatFrames frames, CustomerDirectory customers,
                        CurrentStaff currentStaff, BaifangProperties baifang) {
        this.links = links;
        this.sockets = sockets;
        this.frames = frames;
        this.customers = customers;
        this.currentStaff = currentStaff;
        this.baifang = baifang;
    }

    @PostMapping("/api/customers/{id}/chat-link")
    Mono<ResponseEntity<LinkView>> create(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> customers.findVisibleTo(id, caller)
                        .flatMap(customer -> links.create(customer.id(), caller.username())))
                .map(link -> ResponseEntity.created(URI.create("/api/customers/" + id + "/chat-link"))
                        .body(view(link)));
    }

    @GetMapping("/api/customers/{id}/chat-link")
    Mono<LinkView> newest(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> customers.findVisibleTo(id, caller))
                .flatMap(customer -> links.newestActiveOf(customer.id()))
                .map(this::view)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "the customer has no active chat link; POST /api/customers/" + id + "/chat-link makes one")));
    }

    @DeleteMapping("/api/customers/{id}/chat-link")
    Mono<ResponseEntity<Void>> revoke(@PathVariable UUID id) {
        return currentStaff.get()
                .flatMap(caller -> customers.findVisibleTo(id, caller)
                        .flatMap(customer -> links.revokeAllOf(customer.id(), caller.username())))
                .doOnNext(revoked -> sockets.closeAllOf(id,
                        frames.error("LINK_GONE", "this chat link was revoked", null)))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private LinkView view(ChatLink link) {
        return new LinkView(link.id(), link.url(), link.createdBy(), local(link.createdAt()), local(link.expiresAt()));
    }

    private OffsetDateTime local(Instant at) {
        return at == null ? null : at.atZone(baifang.zone()).toOffsetDateTime();
    }

    /**
     * @param url       {@code <baifang.public-base-url>/chat/<token>}, only in the answer that made the link
     * @param expiresAt null when the link lasts until revoked
     */
    record LinkView(UUID id, String url, String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }
}
