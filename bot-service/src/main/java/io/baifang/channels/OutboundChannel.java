package io.baifang.channels;

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
}
