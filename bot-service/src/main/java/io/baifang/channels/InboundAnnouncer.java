package io.baifang.channels;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Announces a stored inbound message ({@link MessageReceived}) and marks it announced. Runs after the store
 * committed; if the announcement or the mark is lost (a crash in between), the sweeper announces it again,
 * so listeners see a message at least once and must be idempotent by its id.
 */
@Component
class InboundAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(InboundAnnouncer.class);

    private final MessageStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InboundAnnouncer(MessageStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    Mono<Void> announce(MessageRow inbound) {
        return Mono.fromRunnable(() -> events.publishEvent(eventOf(inbound)))
                .then(store.markAnnounced(inbound.id(), clock.instant()))
                .onErrorResume(failure -> {
                    // stored is what matters: the sweeper announces it again
                    log.warn("Could not announce inbound message {}; the sweeper will retry", inbound.id(), failure);
                    return Mono.empty();
                });
    }

    private static MessageReceived eventOf(MessageRow inbound) {
        return new MessageReceived(inbound.id(), inbound.customerId(), inbound.channel(), inbound.text(),
                inbound.createdAt());
    }
}
