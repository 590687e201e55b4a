package io.baifang.campaigns;

import java.time.Instant;

import io.baifang.channels.MessageReceived;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Attributes a customer's reply to the campaign message it answers: the last campaign message that went out
 * to them within {@code baifang.campaigns.reply-window} before the reply. The recipient is marked replied
 * (the first reply stands; a reply announced twice changes nothing) and {@link CampaignReplyReceived} is
 * published. The listener only starts the work: it runs off the announcing thread, and a failure is logged.
 */
@Component
class ReplyAttribution {

    private static final Logger log = LoggerFactory.getLogger(ReplyAttribution.class);

    private final CampaignStore store;
    private final CampaignsProperties settings;
    private final ApplicationEventPublisher events;

    ReplyAttribution(CampaignStore store, CampaignsProperties settings, ApplicationEventPublisher events) {
        this.store = store;
        this.settings = settings;
        this.events = events;
    }

    @EventListener
    void on(MessageReceived reply) {
        if (reply.customerId() != null) {
            attribute(reply).subscribe(attributed -> { }, failure -> log.warn(
                    "Could not attribute reply {} to a campaign", reply.messageId(), failure));
        }
    }

    /** Whether the reply answered a campaign message (and was the first reply to it). */
    Mono<Boolean> attribute(MessageReceived reply) {
        Instant at = reply.receivedAt();
        return store.lastSentTo(reply.customerId(), at.minus(settings.replyWindow()), at)
                .flatMap(answered -> store.replied(answered, reply.customerId(), reply.messageId(), at)
                        .filter(Boolean::booleanValue)
                        .doOnNext(first -> events.publishEvent(new CampaignReplyReceived(answered.campaignId().toString(),
                                answered.wave(), reply.customerId(), reply.messageId(), at))))
                .defaultIfEmpty(false);
    }
}
