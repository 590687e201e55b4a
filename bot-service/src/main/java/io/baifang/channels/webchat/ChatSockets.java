package io.baifang.channels.webchat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The chat sockets open on this instance, by customer: a customer may have the chat open in several tabs,
 * and each gets every frame pushed to them. Live push is per instance: a message sent by another instance
 * reaches the page when it next loads the thread (on reconnect, and on its periodic fetch).
 */
@Component
class ChatSockets {

    /** Frames waiting for a slow page; beyond this a push is not taken (and not counted as delivered). */
    private static final int BUFFER = Queues.SMALL_BUFFER_SIZE;

    /** Tabs one customer may have open on one instance; beyond it the handshake is refused (429). */
    static final int MAX_PER_CUSTOMER = 8;

    private final ConcurrentHashMap<UUID, Set<ChatSocket>> open = new ConcurrentHashMap<>();

    /** A new socket of the customer; null when they have {@link #MAX_PER_CUSTOMER} open already. */
    ChatSocket open(UUID customerId) {
        ChatSocket socket = new ChatSocket(customerId);
        boolean[] added = {false};
        open.compute(customerId, (id, sockets) -> {
            Set<ChatSocket> mine = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            if (mine.size() < MAX_PER_CUSTOMER) {
                added[0] = mine.add(socket);
            }
            return mine.isEmpty() ? null : mine;
        });
        return added[0] ? socket : null;
    }

    void close(ChatSocket socket) {
        open.computeIfPresent(socket.customerId, (id, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
        socket.complete();
    }

    /** Pushes a frame to the customer's open sockets but {@code except}; how many took it. */
    int push(UUID customerId, String frame, ChatSocket except) {
        int taken = 0;
        for (ChatSocket socket : open.getOrDefault(customerId, Set.of())) {
            if (socket != except && socket.offer(frame)) {
                taken++;
            }
        }
        return taken;
    }

    /** Tells every open socket of the customer {@code lastFrame} and closes it (their links were revoked). */
    void closeAllOf(UUID customerId, String lastFrame) {
        for (ChatSocket socket : open.getOrDefault(customerId, Set.of())) {
            socket.offer(lastFrame);
            close(socket);
        }
    }

    /** One open socket: the frames to write to it, in order. */
    static final class ChatSocket {

        private final UUID customerId;
        private final Sinks.Many<String> frames = Sinks.many().unicast()
                .onBackpressureBuffer(Queues.<String>get(BUFFER).get());

        private ChatSocket(UUID customerId) {
            this.customerId = customerId;
        }

        Flux<String> frames() {
            return frames.asFlux();
        }

        /** Several pushers may offer at once; a sink takes one at a time. */
        synchronized boolean offer(String frame) {
            return frames.tryEmitNext(frame).isSuccess();
        }

        synchronized void complete() {
            frames.tryEmitComplete();
        }
    }
}
