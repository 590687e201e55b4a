package io.baifang.channels.webchat;

import java.net.URI;
import java.util.Map;

import io.baifang.channels.ChatLink;
import io.baifang.shared.BaifangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The chat socket, {@code /chat/{token}/ws}. The token is checked before the handshake: an unknown one is
 * answered 404 and an expired or revoked one 410, without upgrading. A browser's {@code Origin}, when sent,
 * must be this service ({@code baifang.public-base-url}, or the address the request came to): no other site's
 * page may open a customer's chat (403). A customer with {@link ChatSockets#MAX_PER_CUSTOMER} chats open
 * already is answered 429. Then, per socket: the thread first, then every frame pushed to the
 * customer, while what the page sends is answered in order on the same socket.
 */
@Configuration(proxyBeanMethods = false)
class ChatSocketEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketEndpoint.class);

    /** Ahead of the functional routes and the controllers: the upgrade request is ours. */
    private static final int ORDER = -2;

    private static final CloseStatus LINK_GONE = new CloseStatus(4410, "chat link no longer valid");

    @Bean
    HandlerMapping chatSocketMapping(ChatLinkRegistry links, CustomerChat chat, ChatSockets sockets, ChatFrames frames,
                                     BaifangProperties baifang) {
        Upgrade upgrade = new Upgrade(links, chat, sockets, frames, baifang.publicBaseUrl());
        return new SimpleUrlHandlerMapping(Map.of("/chat/{token}/ws", upgrade), ORDER);
    }

    /** Checks the token and the origin, then upgrades. */
    static final class Upgrade implements WebHandler {

        private final ChatLinkRegistry links;
        private final CustomerChat chat;
        private final ChatSockets sockets;
        private final ChatFrames frames;
        private final String publicOrigin;
        private final WebSocketService handshake = new HandshakeWebSocketService();

        Upgrade(ChatLinkRegistry links, CustomerChat chat, ChatSockets sockets, ChatFrames frames, URI publicBaseUrl) {
            this.links = links;
            this.chat = chat;
            this.sockets = sockets;
            this.frames = frames;
            this.publicOrigin = originOf(publicBaseUrl);
        }

        @Override
        public Mono<Void> handle(ServerWebExchange exchange) {
            if (!fromThisService(exchange)) {
                return answer(exchange, HttpStatus.FORBIDDEN);
            }
            return links.open(tokenOf(exchange)).flatMap(opened -> upgradeIfActive(exchange, opened));
        }

        private Mono<Void> upgradeIfActive(ServerWebExchange exchange, ChatLinkRegistry.Opened opened) {
            if (opened instanceof ChatLinkRegistry.Opened.Active active) {
                ChatSockets.ChatSocket socket = sockets.open(active.link().customerId());
                if (socket == null) {
                    return answer(exchange, HttpStatus.TOO_MANY_REQUESTS);
                }
                return handshake.handleRequest(exchange, session -> converse(session, active.link(), socket))
                        .doOnError(failed -> sockets.close(socket));
            }
            boolean gone = opened instanceof ChatLinkRegistry.Opened.Gone;
            return answer(exchange, gone ? HttpStatus.GONE : HttpStatus.NOT_FOUND);
        }

        private Mono<Void> converse(WebSocketSession session, ChatLink link, ChatSockets.ChatSocket socket) {
            Mono<Void> answers = session.receive()
                    .concatMap(frame -> answer(frame, link, socket))
                    .doOnNext(socket::offer)
                    .then()
                    .doFinally(signal -> sockets.close(socket));
            Flux<String> toPage = chat.opened(link)
                    .map(frames::thread)
                    .flux()
                    .concatWith(socket.frames());
            Mono<Void> writes = session.send(toPage.map(session::textMessage))
                    .then(Mono.defer(() -> session.isOpen() ? session.close(LINK_GONE) : Mono.empty()));
            return Mono.when(answers, writes);
        }

        /**
         * The frame to write back to the socket a frame came on (an ack or an error). A message that could not
         * be stored is answered {@code UNAVAILABLE} and the socket stays open: the page sends it again with the
         * same client id.
         */
        private Mono<String> answer(WebSocketMessage frame, ChatLink link, ChatSockets.ChatSocket socket) {
            if (frame.getType() == WebSocketMessage.Type.PING || frame.getType() == WebSocketMessage.Type.PONG) {
                return Mono.empty();
            }
            if (frame.getType() != WebSocketMessage.Type.TEXT) {
                return Mono.just(frames.error("INVALID_FRAME", "frames are JSON text", null));
            }
            ChatFrames.FromPage read = frames.read(frame.getPayloadAsText());
            if (read instanceof ChatFrames.FromPage.Invalid invalid) {
                return Mono.just(frames.error("INVALID_FRAME", invalid.detail(), null));
            }
            ChatFrames.FromPage.Send send = (ChatFrames.FromPage.Send) read;
            return chat.received(link, send.clientId(), send.text(), socket)
                    .map(this::frameOf)
                    .onErrorResume(failure -> notStored(send, failure));
        }

        private Mono<String> notStored(ChatFrames.FromPage.Send send, Throwable failure) {
            log.warn("A web chat message could not be stored; the page is told to send it again", failure);
            return Mono.just(frames.error("UNAVAILABLE", "the message could not be stored; send it again",
                    send.clientId()));
        }

        private String frameOf(CustomerChat.Received received) {
            if (received instanceof CustomerChat.Received.Stored stored) {
                return frames.ack(stored.clientId(), stored.line().id(), stored.duplicate());
            }
            if (received instanceof CustomerChat.Received.Refused refused) {
                return frames.error(refused.code(), refused.detail(), refused.clientId());
            }
            if (received instanceof CustomerChat.Received.TooFast tooFast) {
                return frames.error("RATE_LIMITED", "too many messages: wait "
                        + Math.max(1, tooFast.retryAfter().toSeconds()) + " s", tooFast.clientId());
            }
            return frames.error("LINK_GONE", "this chat link has expired or was revoked",
                    ((CustomerChat.Received.LinkGone) received).clientId());
        }

        private boolean fromThisService(ServerWebExchange exchange) {
            String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
            if (origin == null) {
                // not a browser page: the token alone decides
                return true;
            }
            return origin.equalsIgnoreCase(publicOrigin)
                    || origin.equalsIgnoreCase(originOf(exchange.getRequest().getURI()));
        }

        private static String tokenOf(ServerWebExchange exchange) {
            Map<String, String> variables = exchange.getAttributeOrDefault(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of());
            return variables.get("token");
        }

        private static Mono<Void> answer(ServerWebExchange exchange, HttpStatus status) {
            exchange.getResponse().setStatusCode(status);
            return exchange.getResponse().setComplete();
        }

        private static String originOf(URI uri) {
            int port = uri.getPort();
            boolean defaultPort = port == -1
                    || "http".equalsIgnoreCase(uri.getScheme()) && port == 80
                    || "https".equalsIgnoreCase(uri.getScheme()) && port == 443;
            return uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
        }
    }
}
