package io.baifang.contactpolicy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
import io.baifang.customers.CustomerDirectory;
import io.baifang.security.CurrentStaff;
import io.baifang.shared.PageOf;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Staff record a phone invitation (电访) or a visit, the contact log of a customer, and the rules in force.
 * Customers outside the caller's branches are 404, as if they did not exist.
 *
 * <p>A contact the policy does not allow is a 409 {@code application/problem+json} whose members carry
 * {@code decision}, {@code rule} and {@code nextAllowedAt}: clients that read problems get a readable
 * {@code detail}, clients that read the decision get the same fields as a 201. Marketing during quiet hours
 * is refused the same way ({@code QUIET_HOURS_DEFERRED} with the time it becomes allowed): the staff ask
 * before they call, and the bank does not make marketing calls at 22:00. When the counters are being
 * rebuilt the answer is 503 {@code PAUSED} with {@code Retry-After}: ask again shortly.
 */
@RestController
@Validated
class ContactsController {

    private final ContactGate gate;
    private final CustomerDirectory customers;
    private final CurrentStaff currentStaff;
    private final ZoneId zone;

    ContactsController(ContactGate gate, CustomerDirectory customers, CurrentStaff currentStaff,
            @Value("${baifang.zone:Asia/Shanghai}") ZoneId zone) {
        this.gate = gate;
        this.customers = customers;
        this.currentStaff = currentStaff;
        this.zone = zone;
    }

    @PostMapping("/api/customers/{id}/contacts")
    Mono<ResponseEntity<Object>> record(@PathVariable UUID id, @Valid @RequestBody ContactRecording recording) {
        ContactAttempt attempt = recording.toAttempt(id);
        return currentStaff.get()
                .flatMap(caller -> customers.findVisibleTo(id, caller)
                        .flatMap(customer -> gate.request(attempt, customer, caller.username(), recording.note())))
                .map(this::answer);
    }

    @GetMapping("/api/customers/{id}/contacts")
    Mono<PageOf<ContactView>> log(@PathVariable UUID id,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return currentStaff.get()
                .flatMap(caller -> customers.findVisibleTo(id, caller))
                .flatMap(customer -> gate.logOf(customer.id(), page, size))
                .map(found -> new PageOf<>(found.items().stream().map(this::view).toList(), found.page(),
                        found.size(), found.total()));
    }

    @GetMapping("/api/contact-policy")
    PolicyView policy() {
        return PolicyView.of(gate.settings());
    }

    private ResponseEntity<Object> answer(ContactOutcome outcome) {
        ContactView view = view(outcome.logEntry());
        if (outcome.isAllowed()) {
            return ResponseEntity.created(URI.create("/api/customers/" + view.customerId() + "/contacts"))
                    .body(view);
        }
        return ContactRefusals.answer(outcome, zone, "Contact not allowed", "nothing was counted", "contact", view);
    }

    private ContactView view(ContactLogEntry entry) {
        return new ContactView(entry.id(), entry.customerId(), entry.channel(), entry.category(), entry.campaignId(),
                entry.templateId(), entry.decision(), entry.rule(), local(entry.nextAllowedAt()), entry.note(),
                entry.recordedBy(), local(entry.recordedAt()), entry.released(), local(entry.releasedAt()),
                local(entry.plannedAt()), entry.releaseReason());
    }

    private OffsetDateTime local(Instant at) {
        return at == null ? null : at.atZone(zone).toOffsetDateTime();
    }

    /** What staff send: a channel and category by name, optionally the campaign it belongs to and a note. */
    record ContactRecording(
            @NotBlank String channel,
            @NotBlank String category,
            @Size(max = 64) String campaignId,
            @Size(max = 500) String note) {

        private static final List<ContactCategory> STAFF_CATEGORIES =
                List.of(ContactCategory.MARKETING, ContactCategory.TRANSACTIONAL);

        ContactAttempt toAttempt(UUID customerId) {
            Channel parsedChannel = parse("channel", channel, Arrays.asList(Channel.values()), Channel::valueOf);
            ContactCategory parsedCategory = parse("category", category, STAFF_CATEGORIES, ContactCategory::valueOf);
            ContactAttempt attempt = new ContactAttempt(customerId, parsedChannel, parsedCategory, null, null, null,
                    false, true);
            if (campaignId == null || campaignId.isBlank()) {
                return attempt;
            }
            if (campaignId.indexOf(',') >= 0 || campaignId.indexOf(';') >= 0) {
                throw Problems.fieldError("campaignId", "must not contain ',' or ';'");
            }
            // a staff contact in a campaign counts for the campaign's only wave, without priority
            return attempt.inCampaign(campaignId.strip(), 0, 0);
        }

        private static <T extends Enum<T>> T parse(String field, String value, List<T> allowed,
                java.util.function.Function<String, T> valueOf) {
            String name = value.strip().toUpperCase(Locale.ROOT);
            for (T candidate : allowed) {
                if (candidate.name().equals(name)) {
                    return valueOf.apply(name);
                }
            }
            throw Problems.fieldError(field, "must be one of " + allowed.stream().map(Enum::name).toList());
        }
    }

    /**
     * One line of the contact log as the API shows it; times in the branches' zone. A hold ({@code HELD})
     * has {@code plannedAt}; a released line says why ({@code releaseReason}).
     */
    record ContactView(
            UUID id,
            UUID customerId,
            Channel channel,
            ContactCategory category,
            String campaignId,
            String templateId,
            String decision,
            String rule,
            OffsetDateTime nextAllowedAt,
            String note,
            String recordedBy,
            OffsetDateTime recordedAt,
            boolean released,
            OffsetDateTime releasedAt,
            OffsetDateTime plannedAt,
            String releaseReason) {
    }

    /** The rules in force, with windows as ISO-8601 durations ({@code P1D}, {@code PT24H}). */
    record PolicyView(
            List<CapView> caps,
            CampaignWaveView campaignWave,
            Map<Channel, Integer> channelWeights,
            QuietHoursView quietHours,
            List<ProviderLimitView> providerLimits,
            String holdGrace,
            String holdHorizon) {

        static PolicyView of(ContactPolicySettings settings) {
            Map<Channel, Integer> weights = new LinkedHashMap<>();
            for (Channel channel : Channel.values()) {
                weights.put(channel, settings.weightOf(channel));
            }
            QuietHours quiet = settings.quietHours();
            return new PolicyView(
                    settings.caps().stream().map(cap -> new CapView(cap.id(), cap.max(), iso(cap.window()))).toList(),
                    new CampaignWaveView(settings.campaignWave().id(), settings.campaignWave().max()),
                    weights,
                    new QuietHoursView(quiet.id(), quiet.enabled(), quiet.start().toString(), quiet.end().toString(),
                            quiet.zone().getId(), List.of(ContactCategory.MARKETING)),
                    settings.providerLimits().stream()
                            .map(limit -> new ProviderLimitView(limit.id(), limit.provider(), limit.max(), iso(limit.window())))
                            .toList(),
                    iso(settings.holdGrace()),
                    iso(settings.holdHorizon()));
        }

        /** Whole days read as days ({@code P7D}), the way the policy file writes them. */
        private static String iso(Duration duration) {
            if (duration == null) {
                return null;
            }
            long seconds = duration.getSeconds();
            return seconds > 0 && seconds % 86_400 == 0 && duration.getNano() == 0
                    ? "P" + seconds / 86_400 + "D"
                    : duration.toString();
        }
    }

    /** {@code max} weight of marketing contacts in any sliding {@code window}. */
    record CapView(String id, int max, String window) {
    }

    record CampaignWaveView(String id, int max) {
    }

    record QuietHoursView(String id, boolean enabled, String start, String end, String zone,
                          List<ContactCategory> appliesTo) {
    }

    /** Counted for every category, at submission. */
    record ProviderLimitView(String id, String provider, int max, String window) {
    }
}
