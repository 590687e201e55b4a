package io.baifang.channels;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One provider's way of sending on one kind of channel. Implementations translate the provider's answers
 * into {@link SendOutcome}; a blocking SDK runs on {@code io.baifang.shared.BlockingWork}, never on the
 * event loop. {@code send} never signals an error: every failure is an outcome.
 */
public interface OutboundChannel {

    ChannelKind kind();

    /** e.g. {@code "twilio"}, {@code "simulator"}. */
    String provider();

    Mono<SendOutcome> send(OutboundMessage message);

    /**
     * Sends many messages: one outcome per message, in their order. A provider with a batch interface (or none to
     * wait on, as the simulator) overrides it; by default the messages go one by one, a few in flight at once.
     * Never signals an error, as {@link #send}.
     */
    default Mono<List<SendOutcome>> sendAll(List<OutboundMessage> messages) {
        return Flux.fromIterable(messages)
                .flatMapSequential(this::send, SENDS_IN_FLIGHT)
                .collectList();
    }

    /** Sends in flight at once in {@link #sendAll}: enough to hide a provider's latency, few enough for its limits. */
    int SENDS_IN_FLIGHT = 16;
}
