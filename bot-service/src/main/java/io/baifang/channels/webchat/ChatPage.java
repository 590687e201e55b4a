package io.baifang.channels.webchat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The customer's chat page, {@code /chat/{token}}, without staff sign-in: the page for an active link
 * ({@code webchat/chat.html}, its script and style under {@code /chat/assets/}), a page saying the link has
 * expired (410) or does not exist (404) otherwise. None of them carries data: the page's script loads the
 * thread. The token is in the address, so the page is never cached and sends no referrer, and its content
 * policy lets it load and connect only to this service.
 */
@Configuration(proxyBeanMethods = false)
class ChatPage {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Resource CHAT = new ClassPathResource("webchat/chat.html");
    private static final Resource GONE = new ClassPathResource("webchat/gone.html");
    private static final Resource UNKNOWN = new ClassPathResource("webchat/unknown.html");

    @Bean
    RouterFunction<ServerResponse> chatPageAddress(ChatLinkRegistry links) {
        return RouterFunctions.route(GET("/chat/{token}"),
                request -> links.open(request.pathVariable("token")).flatMap(ChatPage::pageFor));
    }

    private static Mono<ServerResponse> pageFor(ChatLinkRegistry.Opened opened) {
        if (opened instanceof ChatLinkRegistry.Opened.Active) {
            return page(HttpStatus.OK, CHAT);
        }
        return opened instanceof ChatLinkRegistry.Opened.Gone
                ? page(HttpStatus.GONE, GONE)
                : page(HttpStatus.NOT_FOUND, UNKNOWN);
    }

    private static Mono<ServerResponse> page(HttpStatus status, Resource html) {
        return ServerResponse.status(status)
                .contentType(HTML)
                .header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .body(BodyInserters.fromResource(html));
    }
}
