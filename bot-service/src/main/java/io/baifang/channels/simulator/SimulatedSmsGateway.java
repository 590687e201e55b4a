package io.baifang.channels.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import io.baifang.channels.ChannelKind;
import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.OutboundChannel;
import io.baifang.channels.OutboundMessage;
import io.baifang.channels.ProviderEvents;
import io.baifang.channels.SendOutcome;
import io.baifang.channels.StatusReport;
import io.baifang.shared.IdGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The embedded default's SMS provider ({@code simulator}): every message lands on the simulated phone of its
 * number and is delivered at once. Like a real provider it reports {@code SENT} and then {@code DELIVERED}
 * through {@link ProviderEvents}, carrying our message id as a status callback URL would; the simulated
 * network is instant, so both reports are in before the send answers. Off in production, unless the profile
 * {@code simulator} is added to {@code prod} (with {@code baifang.channels.sms-provider=simulator}): the campaign
 * benchmark measures production mode against it. The simulator's API and page stay off in production.
 */
@Component
@Profile({"!prod", "simulator"})
class SimulatedSmsGateway implements OutboundChannel {

    static final String PROVIDER = "simulator";

    private final SimulatedPhones phones;
    private final ProviderEvents events;
    private final IdGenerator ids;
    private final Clock clock;

    SimulatedSmsGateway(SimulatedPhones phones, ProviderEvents events, IdGenerator ids, Clock clock) {
        this.phones = phones;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message) {
        String providerId = "SIM" + ids.next().toString().replace("-", "");
        return phones.received(message.to(), message.text(), clock.instant())
                .then(report(message, providerId, DeliveryStatus.SENT))
                .then(report(message, providerId, DeliveryStatus.DELIVERED))
                .thenReturn((SendOutcome) new SendOutcome.Accepted(providerId))
                .onErrorResume(failure -> Mono.just(new SendOutcome.RetryLater("simulator: " + failure.getMessage(),
                        Duration.ZERO)));
    }

    /**
     * A batch lands on its phones in one statement and is answered delivered: the simulated network is instant,
     * so the answer already says what the two reports of a single send would ({@code SENT}, then
     * {@code DELIVERED}), and the send path records both with the answer.
     */
    @Override
    public Mono<List<SendOutcome>> sendAll(List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.just(List.of());
        }
        List<SendOutcome> delivered = messages.stream()
                .map(message -> (SendOutcome) new SendOutcome.Accepted("SIM" + ids.next().toString().replace("-", ""),
                        DeliveryStatus.DELIVERED))
                .toList();
        return phones.receivedAll(messages, clock.instant())
                .thenReturn(delivered)
                .onErrorResume(failure -> Mono.just(Collections.nCopies(messages.size(),
                        new SendOutcome.RetryLater("simulator: " + failure.getMessage(), Duration.ZERO))));
    }

    private Mono<Boolean> report(OutboundMessage message, String providerId, DeliveryStatus status) {
        Instant now = clock.instant();
        return events.statusReported(new StatusReport(PROVIDER, providerId, message.messageId(), status, null, now));
    }
}
