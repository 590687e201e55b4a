package io.baifang.channels;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where webhooks and the simulator hand over what providers report. Implementations store first and
 * announce second, and are idempotent by provider id: the same report twice is handled once.
 */
public interface ProviderEvents {

    /** Stores an inbound message; {@code false} when that provider id was already stored. */
    Mono<Boolean> inboundReceived(InboundMessage message);

    /** Records a delivery status; {@code false} when it was a repeat or the message is unknown. */
    Mono<Boolean> statusReported(StatusReport report);

    /**
     * Records many delivery statuses at once (a provider answering for a batch), each as
     * {@link #statusReported} would; completes when all are recorded.
     */
    default Mono<Void> statusesReported(List<StatusReport> reports) {
        return Flux.fromIterable(reports).concatMap(this::statusReported).then();
    }
}
