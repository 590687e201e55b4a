package io.baifang.channels.twilio;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.baifang.channels.InboundMessage;
import io.baifang.channels.ProviderEvents;
import io.baifang.channels.StatusReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Twilio's inbound-message and status webhooks, in the order of ARCHITECTURE.md: verify the signature →
 * read the form → hand over to {@link ProviderEvents}, which deduplicates by Twilio's id, stores, and
 * announces → answer an empty TwiML document. A request that fails the signature check is refused before its
 * form is looked at, and nothing is recorded. If storing fails the answer is a 500, so Twilio sends again.
 */
@RestController
class TwilioWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
    private static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final TwilioSignatures signatures;
    private final StatusCallbacks urls;
    private final ObjectProvider<ProviderEvents> events;
    private final Clock clock;

    /**
     * {@link ProviderEvents} is looked up per request rather than required at start-up: the store that
     * implements it belongs to {@code io.baifang.channels}, and without one the service still starts and
     * the webhooks answer 503, so Twilio keeps its callbacks and sends them again.
     */
    TwilioWebhooks(TwilioSignatures signatures, StatusCallbacks urls, ObjectProvider<ProviderEvents> events,
                   Clock clock) {
        this.signatures = signatures;
        this.urls = urls;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping(StatusCallbacks.INBOUND_PATH)
    Mono<ResponseEntity<?>> inbound(ServerWebExchange exchange) {
        return genuineForm(exchange)
                .flatMap(form -> recordInbound(exchange, form))
                .switchIfEmpty(Mono.fromSupplier(() -> forged(exchange)));
    }

    @PostMapping(StatusCallbacks.STATUS_PATH)
    Mono<ResponseEntity<?>> status(ServerWebExchange exchange) {
        return genuineForm(exchange)
                .flatMap(form -> recordStatus(exchange, form))
                .switchIfEmpty(Mono.fromSupplier(() -> forged(exchange)));
    }

    /** The form when Twilio signed it, otherwise empty. */
    private Mono<Map<String, String>> genuineForm(ServerWebExchange exchange) {
        String signature = exchange.getRequest().getHeaders().getFirst(SIGNATURE_HEADER);
        if (!signatures.canVerify() || signature == null) {
            return Mono.empty();
        }
        String signedUrl = urls.signedUrl(exchange.getRequest().getPath().value(),
                exchange.getRequest().getURI().getRawQuery());
        return exchange.getFormData()
                .map(MultiValueMap::toSingleValueMap)
                .filter(form -> signatures.isGenuine(signedUrl, form, signature));
    }

    private Mono<ResponseEntity<?>> recordInbound(ServerWebExchange exchange, Map<String, String> form) {
        TwilioWebhookForms.Read<InboundMessage> read = TwilioWebhookForms.inbound(form, clock.instant());
        if (read instanceof TwilioWebhookForms.Unusable<InboundMessage> unusable) {
            return Mono.just(malformed(exchange, unusable.problem()));
        }
        InboundMessage message = ((TwilioWebhookForms.Usable<InboundMessage>) read).value();
        ProviderEvents store = events.getIfAvailable();
        if (store == null) {
            return Mono.just(noStore(exchange));
        }
        return store.inboundReceived(message)
                .doOnNext(isNew -> log.debug("Twilio inbound {} {}", message.providerId(), isNew ? "stored" : "repeated"))
                .thenReturn(emptyTwiml());
    }

    private Mono<ResponseEntity<?>> recordStatus(ServerWebExchange exchange, Map<String, String> form) {
        String messageId = exchange.getRequest().getQueryParams().getFirst("messageId");
        TwilioWebhookForms.Read<Optional<StatusReport>> read =
                TwilioWebhookForms.status(form, messageId, clock.instant());
        if (read instanceof TwilioWebhookForms.Unusable<Optional<StatusReport>> unusable) {
            return Mono.just(malformed(exchange, unusable.problem()));
        }
        Optional<StatusReport> report = ((TwilioWebhookForms.Usable<Optional<StatusReport>>) read).value();
        if (report.isEmpty()) {
            log.info("Twilio status '{}' for {} is not one we record; ignored", form.get("MessageStatus"),
                    form.get("MessageSid"));
            return Mono.just(emptyTwiml());
        }
        ProviderEvents store = events.getIfAvailable();
        if (store == null) {
            return Mono.just(noStore(exchange));
        }
        return store.statusReported(report.get())
                .thenReturn(emptyTwiml());
    }

    private static ResponseEntity<?> emptyTwiml() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }

    private ResponseEntity<?> forged(ServerWebExchange exchange) {
        log.warn("Twilio webhook {} refused: {}", exchange.getRequest().getPath().value(),
                signatures.canVerify() ? "missing or wrong X-Twilio-Signature" : "twilio.auth-token is not set");
        return problem(exchange, HttpStatus.FORBIDDEN, "the request is not signed by Twilio for this URL");
    }

    private static ResponseEntity<?> noStore(ServerWebExchange exchange) {
        log.error("Twilio webhook {}: no ProviderEvents bean to hand the report to; answered 503",
                exchange.getRequest().getPath().value());
        return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE, "provider events cannot be stored right now");
    }

    private static ResponseEntity<?> malformed(ServerWebExchange exchange, String problem) {
        return problem(exchange, HttpStatus.BAD_REQUEST, problem);
    }

    private static ResponseEntity<?> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
