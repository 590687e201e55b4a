package io.baifang.channels.twilio;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import io.baifang.channels.SendOutcome;
import io.baifang.shared.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Sends one prepared Twilio message and says what came of it. What the SMS and WhatsApp channels share:
 * the blocking SDK call on {@link BlockingWork}, the per-attempt timeout, retrying transient failures with
 * exponential backoff and jitter, and the {@link CircuitBreaker} every attempt asks first. {@link #send}
 * never signals an error.
 */
final class TwilioMessageSender {

    private static final Logger log = LoggerFactory.getLogger(TwilioMessageSender.class);

    private final TwilioRestClient client;
    private final BlockingWork blockingWork;
    private final CircuitBreaker circuit;
    private final TwilioProperties.Retry retry;
    private final Duration attemptTimeout;

    TwilioMessageSender(TwilioRestClient client, BlockingWork blockingWork, CircuitBreaker circuit,
                        TwilioProperties.Retry retry, Duration attemptTimeout) {
        this.client = client;
        this.blockingWork = blockingWork;
        this.circuit = circuit;
        this.retry = retry;
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * @param creator builds the SDK request; called once, inside the pipeline, so that even a message the SDK
     *                cannot take becomes an outcome rather than an exception
     */
    Mono<SendOutcome> send(UUID messageId, Supplier<MessageCreator> creator) {
        return Mono.fromSupplier(creator)
                .flatMap(request -> attemptsWithRetry(messageId, request))
                .onErrorResume(unexpected -> unexpected(messageId, unexpected));
    }

    private Mono<SendOutcome> attemptsWithRetry(UUID messageId, MessageCreator creator) {
        return attempt(messageId, creator)
                .retryWhen(transientFailuresWithBackoff())
                .onErrorResume(CircuitOpen.class, open -> circuitOpen(messageId, open))
                .onErrorResume(TransientFailure.class, spent -> retryLater(messageId, spent));
    }

    private Mono<SendOutcome> attempt(UUID messageId, MessageCreator creator) {
        return Mono.defer(this::refuseWhileCircuitOpen)
                .then(create(creator))
                .timeout(attemptTimeout)
                .map(this::accepted)
                .onErrorResume(failure -> !(failure instanceof CircuitOpen), failure -> classify(messageId, failure));
    }

    private Mono<Void> refuseWhileCircuitOpen() {
        Optional<Duration> refusal = circuit.refusal();
        return refusal.<Mono<Void>>map(openFor -> Mono.error(new CircuitOpen(openFor))).orElseGet(Mono::empty);
    }

    /**
     * The Twilio SDK does blocking HTTP (Apache HttpClient) inside {@code create}: it must never run on a
     * Netty event-loop thread, so it runs on the service's bounded scheduler for blocking calls.
     */
    private Mono<Message> create(MessageCreator creator) {
        return blockingWork.call(() -> creator.create(client));
    }

    private SendOutcome accepted(Message message) {
        circuit.succeeded();
        return new SendOutcome.Accepted(message.getSid());
    }

    private Mono<SendOutcome> classify(UUID messageId, Throwable failure) {
        TwilioErrors.Verdict verdict = TwilioErrors.classify(failure);
        if (verdict instanceof TwilioErrors.Refused refused) {
            // a refusal is an answer: Twilio is up, whatever it thinks of this message
            circuit.succeeded();
            log.info("Twilio refused message {}: {} ({})", messageId, refused.rejection().reason(),
                    refused.rejection().providerCode());
            return Mono.just(refused.rejection());
        }
        String reason = ((TwilioErrors.Transient) verdict).reason();
        circuit.failed();
        log.warn("Twilio attempt for message {} failed: {}", messageId, reason);
        return Mono.error(new TransientFailure(reason));
    }

    private RetryBackoffSpec transientFailuresWithBackoff() {
        return Retry.backoff(retry.maxAttempts() - 1, retry.firstBackoff())
                .maxBackoff(retry.maxBackoff())
                .jitter(retry.jitter())
                .filter(TransientFailure.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    private Mono<SendOutcome> circuitOpen(UUID messageId, CircuitOpen open) {
        log.info("Twilio circuit open: message {} not sent, retry in {}", messageId, open.openFor);
        return Mono.just(new SendOutcome.RetryLater("circuit open", open.openFor));
    }

    private Mono<SendOutcome> retryLater(UUID messageId, TransientFailure spent) {
        log.warn("Twilio: message {} not sent after {} attempt(s): {}", messageId, retry.maxAttempts(),
                spent.getMessage());
        return Mono.just(new SendOutcome.RetryLater(spent.getMessage(), retry.laterAfter()));
    }

    private Mono<SendOutcome> unexpected(UUID messageId, Throwable failure) {
        // never the exception's message: SDK messages may quote the phone number
        log.error("Twilio: unexpected failure sending message {} ({})", messageId, failure.getClass().getName());
        return Mono.just(new SendOutcome.RetryLater("unexpected failure: " + failure.getClass().getSimpleName(),
                retry.laterAfter()));
    }

    /** Raised inside the pipeline only, so Reactor's retry can tell a transient failure from the rest. */
    private static final class TransientFailure extends RuntimeException {
        TransientFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final class CircuitOpen extends RuntimeException {
        private final Duration openFor;

        CircuitOpen(Duration openFor) {
            super("circuit open", null, false, false);
            this.openFor = openFor;
        }
    }
}
