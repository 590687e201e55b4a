package io.baifang.channels.webchat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A customer's chat page as far as the socket goes: a real WebSocket client (Reactor Netty) connected to the
 * running application, keeping every frame it receives in order and sending the frames a test writes.
 */
final class ChatClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final JsonMapper json = JsonMapper.builder().build();
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Integer> closedWith = Sinks.one();
    private final Disposable connection;

    private ChatClient(URI uri, HttpHeaders headers) {
        this.connection = new ReactorNettyWebSocketClient()
                .execute(uri, headers, session -> {
                    Mono<Void> in = session.receive()
                            .map(WebSocketMessage::getPayloadAsText)
                            .doOnNext(frame -> received.add(json.readTree(frame)))
                            .then();
                    Mono<Void> out = session.send(outgoing.asFlux().map(session::textMessage));
                    session.closeStatus().subscribe(status -> closedWith.tryEmitValue(status.getCode()));
                    return Mono.when(in, out);
                })
                .subscribe(done -> { }, failure -> closedWith.tryEmitValue(-1), () -> closedWith.tryEmitEmpty());
    }

    static ChatClient open(int port, String token) {
        return new ChatClient(addressOf(port, token), new HttpHeaders());
    }

    /** As a browser page of {@code origin} would open it. */
    static ChatClient openFrom(String origin, int port, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ORIGIN, origin);
        return new ChatClient(addressOf(port, token), headers);
    }

    /** Tries a handshake that must be refused; the refusal's message (it names the HTTP status). */
    static String refusedHandshake(int port, String token) {
        return refusedHandshake(port, token, new HttpHeaders());
    }

    static String refusedHandshakeFrom(String origin, int port, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ORIGIN, origin);
        return refusedHandshake(port, token, headers);
    }

    private static URI addressOf(int port, String token) {
        return URI.create("ws://localhost:" + port + "/chat/" + token + "/ws");
    }

    private static String refusedHandshake(int port, String token, HttpHeaders headers) {
        try {
            new ReactorNettyWebSocketClient()
                    .execute(addressOf(port, token), headers, session -> Mono.empty())
                    .block(WAIT);
        } catch (RuntimeException refused) {
            return String.valueOf(refused.getMessage());
        }
        return fail("the handshake was accepted");
    }

    void send(String frame) {
        outgoing.tryEmitNext(frame);
    }

    void sendMessage(String clientId, String text) {
        send(json.writeValueAsString(java.util.Map.of("type", "send", "clientId", clientId, "text", text)));
    }

    /** The next frame, waiting up to 10 s. */
    JsonNode next() {
        try {
            JsonNode frame = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", WAIT).isNotNull();
            return frame;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The next frame, which must be of that type. */
    JsonNode next(String type) {
        JsonNode frame = next();
        assertThat(frame.get("type").asString()).as("frame %s", frame).isEqualTo(type);
        return frame;
    }

    /** Nothing more arrives within a short while. */
    void receivesNothingMore() {
        try {
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The close code the service ended the socket with (-1 when it failed), waiting up to 10 s. */
    Integer closedWith() {
        return closedWith.asMono().block(WAIT);
    }

    @Override
    public void close() {
        outgoing.tryEmitComplete();
        connection.dispose();
    }
}
