package io.baifang.channels;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.baifang.shared.Problems;
import io.baifang.contactpolicy.ContactOutcome;
import io.baifang.contactpolicy.ContactRefusals;
import io.baifang.customers.CustomerDirectory;
import io.baifang.security.CurrentStaff;
import io.baifang.shared.PageOf;
import io.baifang.templates.MissingVariablesException;
import io.baifang.templates.TemplateNotApplicableException;
import io.baifang.templates.UnknownTemplateException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Staff send one message to one customer ({@code POST /api/customers/{id}/messages}) and read the thread
 * ({@code GET}, oldest first, paged). Customers outside the caller's branches are 404, as if they did not
 * exist. A send the contact policy does not allow is a 409 problem carrying {@code decision}, {@code rule} and
 * {@code nextAllowedAt}, the same members {@code POST /api/customers/{id}/contacts} answers; 503
 * {@code PAUSED} with {@code Retry-After} while the counters are rebuilt.
 */
@RestController
@Validated
class MessagesController {

    private final Messaging messaging;
    private final CustomerDirectory customers;
    private final CurrentStaff currentStaff;
    private final ZoneId zone;

    MessagesController(Messaging messaging, CustomerDirectory customers, CurrentStaff currentStaff,
                       @Value("${baifang.zone:Asia/Shanghai}") ZoneId zone) {
        this.messaging = messaging;
        this.customers = customers;
        this.currentStaff = currentStaff;
        this.zone = zone;
    }

    @PostMapping("/api/customers/{id}/messages")
    Mono<ResponseEntity<Object>> send(@PathVariable UUID id, @Valid @RequestBody SendRequest request) {
        ChannelKind channel = request.channelKind();
        return currentStaff.get()
                .flatMap(caller -> customers.findVisibleTo(id, caller)
                        .flatMap(customer -> messaging.sendTo(customer, request.templateId().strip(),
                                request.variantId(), request.variables(), channel, caller.username())))
                .map(result -> answer(id, result));
    }

    @GetMapping("/api/customers/{id}/messages")
    Mono<PageOf<MessageView>> thread(@PathVariable UUID id,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return currentStaff.get()
                .flatMap(caller -> customers.findVisibleTo(id, caller))
                .flatMap(customer -> messaging.threadOf(customer.id(), page, size))
                .map(found -> new PageOf<>(found.items().stream().map(this::view).toList(), found.page(),
                        found.size(), found.total()));
    }

    private ResponseEntity<Object> answer(UUID customerId, SendResult result) {
        if (result instanceof SendResult.Sent sent) {
            return ResponseEntity.accepted()
                    .location(URI.create("/api/customers/" + customerId + "/messages"))
                    .body(new Accepted(sent.messageId(), sent.status(), sent.errorCode()));
        }
        if (result instanceof SendResult.Deferred deferred) {
            ContactOutcome outcome = deferred.outcome();
            return ResponseEntity.accepted()
                    .location(URI.create("/api/customers/" + customerId + "/messages"))
                    .body(new DeferredView(deferred.messageId(), DeliveryStatus.QUEUED, outcome.decisionName(),
                            outcome.rule(), local(outcome.nextAllowedAt())));
        }
        return refused(((SendResult.Refused) result).outcome());
    }

    private ResponseEntity<Object> refused(ContactOutcome outcome) {
        return ContactRefusals.answer(outcome, zone, "Message not allowed", "nothing was sent or counted",
                "contactId", outcome.logEntryId());
    }

    @ExceptionHandler(MissingVariablesException.class)
    ResponseEntity<ProblemDetail> missing(MissingVariablesException missing) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Missing template variables",
                missing.getMessage());
        response.getBody().setProperty("missing", missing.names());
        return response;
    }

    @ExceptionHandler(UnknownTemplateException.class)
    ResponseEntity<ProblemDetail> unknownTemplate(UnknownTemplateException unknown) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Unknown template",
                "templateId: " + unknown.getMessage());
        response.getBody().setProperty("errors", List.of(Map.of("field", "templateId", "message", unknown.getMessage())));
        return response;
    }

    @ExceptionHandler(TemplateNotApplicableException.class)
    ResponseEntity<ProblemDetail> notApplicable(TemplateNotApplicableException notApplicable) {
        return problem(HttpStatus.BAD_REQUEST, "Template not applicable", notApplicable.getMessage());
    }

    @ExceptionHandler(ChannelUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ChannelUnavailableException unavailable) {
        return problem(HttpStatusCode.valueOf(422), "Channel not available",
                unavailable.getMessage() + "; nothing was sent or counted");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private MessageView view(StoredMessage message) {
        return new MessageView(message.id(), message.customerId(), message.direction(), message.channel(),
                message.provider(), message.providerMessageId(), message.templateId(), message.variantId(),
                message.text(), message.encoding(), message.segments(), message.cost(), message.currency(),
                message.status(), message.errorCode(), message.campaignId(), message.sentBy(),
                local(message.createdAt()), local(message.updatedAt()),
                message.history().stream()
                        .map(change -> new StatusView(change.status(), change.errorCode(), local(change.at())))
                        .toList());
    }

    private OffsetDateTime local(Instant at) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime();
    }

    /**
     * What staff send: a template, the variables the customer's record does not give, a channel, and
     * optionally which A/B variant (absent: the customer's own by the template's weights).
     */
    record SendRequest(
            @NotBlank @Size(max = 100) String templateId,
            Map<String, String> variables,
            String channel,
            @Size(max = 32) String variant) {

        String variantId() {
            return variant == null || variant.isBlank() ? null : variant.strip();
        }

        ChannelKind channelKind() {
            if (channel == null || channel.isBlank()) {
                return null;
            }
            String name = channel.strip().toUpperCase(Locale.ROOT);
            return Arrays.stream(ChannelKind.values())
                    .filter(kind -> kind.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> Problems.fieldError("channel",
                            "must be one of " + Arrays.toString(ChannelKind.values())));
        }
    }

    /** 202: the message is stored; {@code status} is where it stands ({@code SENT}, {@code QUEUED}, {@code FAILED}…). */
    record Accepted(UUID id, DeliveryStatus status, String errorCode) {
    }

    /**
     * 202 for a marketing message the policy deferred (quiet hours): stored {@code QUEUED}, nothing counted; it is
     * decided again at {@code sendAt} and goes out then if the policy allows it.
     */
    record DeferredView(UUID id, DeliveryStatus status, String decision, String rule, OffsetDateTime sendAt) {
    }

    /** One message as the API shows it, times in the branches' zone. */
    record MessageView(
            UUID id,
            UUID customerId,
            MessageDirection direction,
            ChannelKind channel,
            String provider,
            String providerMessageId,
            String templateId,
            String variant,
            String text,
            String encoding,
            Integer segments,
            BigDecimal cost,
            String currency,
            DeliveryStatus status,
            String errorCode,
            String campaignId,
            String sentBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            List<StatusView> history) {
    }

    record StatusView(DeliveryStatus status, String errorCode, OffsetDateTime at) {
    }
}
