package io.baifang.channels.webchat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.baifang.channels.ChatLink;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The chat page's HTTP fallback, for when the socket cannot be kept: {@code GET /chat/{token}/messages} (the
 * thread, as the socket's first frame) and {@code POST /chat/{token}/messages} with {@code {"clientId","text"}}
 * (201 stored, 200 when that client id was stored before). No staff sign-in: the token is the credential. An
 * unknown token is 404 and an expired or revoked one 410, and neither says anything about a customer.
 */
@RestController
class CustomerChatController {

    private final ChatLinkRegistry links;
    private final CustomerChat chat;

    CustomerChatController(ChatLinkRegistry links, CustomerChat chat) {
        this.links = links;
        this.chat = chat;
    }

    @GetMapping("/chat/{token}/messages")
    Mono<ChatThread> thread(@PathVariable String token) {
        return activeLink(token).flatMap(chat::opened).map(ChatThread::new);
    }

    @PostMapping(path = "/chat/{token}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> send(@PathVariable String token, @RequestBody Typed typed) {
        return activeLink(token)
                .flatMap(link -> chat.received(link, typed.clientId(), typed.text(), null))
                .map(CustomerChatController::answer);
    }

    private Mono<ChatLink> activeLink(String token) {
        return links.open(token).map(CustomerChatController::activeOrFail);
    }

    private static ChatLink activeOrFail(ChatLinkRegistry.Opened opened) {
        if (opened instanceof ChatLinkRegistry.Opened.Active active) {
            return active.link();
        }
        if (opened instanceof ChatLinkRegistry.Opened.Gone) {
            throw new ResponseStatusException(HttpStatus.GONE,
                    "this chat link has expired or was revoked; ask your branch for a new one");
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such chat");
    }

    private static ResponseEntity<Object> answer(CustomerChat.Received received) {
        if (received instanceof CustomerChat.Received.Stored stored) {
            return ResponseEntity.status(stored.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(new Sent(stored.line().id(), stored.clientId(), stored.duplicate(), stored.line()));
        }
        if (received instanceof CustomerChat.Received.Refused refused) {
            ResponseEntity<Object> problem = problem(HttpStatus.BAD_REQUEST, "Invalid message", refused.detail());
            ((ProblemDetail) problem.getBody()).setProperty("code", refused.code());
            ((ProblemDetail) problem.getBody()).setProperty("errors",
                    List.of(Map.of("field", refused.field(), "message", refused.message())));
            return problem;
        }
        if (received instanceof CustomerChat.Received.TooFast tooFast) {
            long seconds = Math.max(1, tooFast.retryAfter().toSeconds());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problemOf(HttpStatus.TOO_MANY_REQUESTS, "Too many messages",
                            "too many messages: wait " + seconds + " s and send again"));
        }
        return problem(HttpStatus.GONE, "Chat link no longer valid",
                "this chat link has expired or was revoked; ask your branch for a new one");
    }

    private static ResponseEntity<Object> problem(HttpStatusCode status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problemOf(status, title, detail));
    }

    private static ProblemDetail problemOf(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** What the customer typed; {@code clientId} new for every message, the same when the page sends it again. */
    record Typed(String clientId, String text) {

        @Override
        public String toString() {
            return "Typed[" + clientId + "]";
        }
    }

    record ChatThread(List<ChatLine> messages) {
    }

    /** {@code id} is the stored message's id. */
    record Sent(UUID id, String clientId, boolean duplicate, ChatLine message) {
    }
}
