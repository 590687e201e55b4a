package io.baifang.channels;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Store first, announce second, and sweep what fell between: every {@code baifang.channels.sweep-interval}
 * this announces inbound messages stored but not announced after {@code announce-grace} (the process stopped
 * between the two), and tries again queued messages that are due. One sweep at a time; a failed sweep is
 * logged and the next one runs as usual.
 */
@Component
class MessageSweeps implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MessageSweeps.class);

    private static final int BATCH = 200;

    private final MessageStore store;
    private final InboundAnnouncer announcer;
    private final Messaging messaging;
    private final ChannelsProperties settings;
    private final Clock clock;
    private volatile Disposable running;

    MessageSweeps(MessageStore store, InboundAnnouncer announcer, Messaging messaging, ChannelsProperties settings,
                  Clock clock) {
        this.store = store;
        this.announcer = announcer;
        this.messaging = messaging;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        running = Flux.interval(settings.sweepInterval(), settings.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep(), 1)
                .subscribe();
    }

    /** One sweep: what it announced and what it tried again. */
    Mono<Void> sweep() {
        return announceForgottenInbound()
                .then(messaging.resendDue(BATCH))
                .then()
                .onErrorResume(failure -> {
                    log.warn("A message sweep failed; the next one runs as usual", failure);
                    return Mono.empty();
                });
    }

    Mono<Long> announceForgottenInbound() {
        return store.unannouncedInbound(clock.instant().minus(settings.announceGrace()), BATCH)
                .concatMap(forgotten -> announcer.announce(forgotten).thenReturn(forgotten))
                .count();
    }

    @Override
    public void destroy() {
        Disposable sweeping = running;
        if (sweeping != null) {
            sweeping.dispose();
        }
    }
}
