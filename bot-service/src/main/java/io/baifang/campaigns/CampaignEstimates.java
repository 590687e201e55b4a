package io.baifang.campaigns;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.baifang.channels.CampaignMessaging;
import io.baifang.channels.CampaignMessaging.Preview;
import io.baifang.contactpolicy.ContactDecision;
import io.baifang.contactpolicy.ContactLogEntry;
import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.BaifangProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/campaigns/{id}/estimate}: a dry run of the campaign's current wave as if it began now,
 * through the whole pipeline but the send. The wave's recipients are who it would be written for now: the
 * audience for the first wave; for a follow-up (a campaign waiting for its follow-up, or sending it), the
 * previous wave's recipients whose message went out and who have not replied. Each is previewed
 * ({@link CampaignMessaging#preview}: the customers read, each message rendered, the contact policy asked with
 * {@code ContactGate.preview}), counting, logging, storing and sending nothing. The recipients are streamed from
 * the registry in batches, so memory stays flat whatever their number; the hold-out group and the variants are set exactly as the dispatcher will set them (derived from the ids).
 * While the contact counters are being rebuilt the policy cannot answer: 503 with {@code Retry-After}.
 */
@Component
class CampaignEstimates {

    /** Recipients previewed at once: one registry read and one round trip to the counters each. */
    private static final int BATCH = 1_000;

    private final CustomerDirectory customers;
    private final CampaignMessaging messaging;
    private final AudienceQueries audiences;
    private final Clock clock;
    private final ZoneId zone;

    CampaignEstimates(CustomerDirectory customers, CampaignMessaging messaging, AudienceQueries audiences,
                      Clock clock, BaifangProperties baifang) {
        this.customers = customers;
        this.messaging = messaging;
        this.audiences = audiences;
        this.clock = clock;
        this.zone = baifang.zone();
    }

    /**
     * @param audience      the wave's recipients: the audience, or for a follow-up the previous wave's
     *                      recipients who were sent the message and have not replied
     * @param suppressed    why customers of the audience would get nothing: the policy's decision
     *                      ({@code OPTED_OUT}, {@code NO_CONSENT}, {@code FREQUENCY_CAP}, …) or {@code NOT_RENDERED},
     *                      {@code NO_CHANNEL}
     * @param deferred      those the policy would defer (quiet hours), counted in {@code sendable} too
     * @param sendable      those who would get the message, now or when deferred
     * @param policyChecked the contact policy's refusals are in {@code suppressed}
     */
    record Estimate(long audience, Map<String, Long> suppressed, Map<String, Long> deferred, long heldOut,
                    long sendable, long segments, BigDecimal cost, String currency, boolean policyChecked) {
    }

    Mono<Estimate> estimate(Campaign campaign) {
        Tally tally = new Tally();
        return customers.streamMatching(audiences.recipientsOfCurrentWave(campaign))
                .map(customer -> assignmentOf(campaign, customer))
                .doOnNext(tally::counted)
                .filter(assigned -> !assigned.assignment().heldOut())
                .buffer(BATCH)
                .concatMap(batch -> messaging.preview(batchOf(campaign, batch)))
                .doOnNext(tally::add)
                .then(Mono.fromSupplier(tally::estimate));
    }

    private record Assigned(Customer customer, RecipientAssignment assignment) {
    }

    private static Assigned assignmentOf(Campaign campaign, Customer customer) {
        CampaignDefinition definition = campaign.definition();
        return new Assigned(customer, RecipientAssignment.of(campaign.id(), campaign.wave(), customer.id(),
                definition.holdOutPercent(), definition.variantsOf(campaign.wave())));
    }

    private CampaignMessaging.Batch batchOf(Campaign campaign, List<Assigned> assigned) {
        CampaignDefinition definition = campaign.definition();
        List<CampaignMessaging.Recipient> recipients = assigned.stream()
                .map(one -> new CampaignMessaging.Recipient(one.customer().id(), one.assignment().messageId(),
                        one.assignment().variant().templateId(), one.assignment().variant().variantId(),
                        definition.channels()))
                .toList();
        Map<String, String> variables = new LinkedHashMap<>(definition.variables());
        if (definition.offeredDate() != null) {
            variables.put(CampaignDefinition.OFFERED_DAY,
                    OfferedDay.asSaidOn(definition.offeredDate(), clock.instant().atZone(zone).toLocalDate()));
        }
        return new CampaignMessaging.Batch(campaign.key(), campaign.wave(), definition.priority(), recipients,
                variables, ContactLogEntry.SYSTEM);
    }

    /** The running sums of one estimate, fed in order by one pipeline. */
    private static final class Tally {

        private long audience;
        private long heldOut;
        private long sendable;
        private long segments;
        private BigDecimal cost = BigDecimal.ZERO;
        private String currency;
        private final Map<String, Long> suppressed = new TreeMap<>();
        private final Map<String, Long> deferred = new TreeMap<>();

        void counted(Assigned assigned) {
            audience++;
            heldOut += assigned.assignment().heldOut() ? 1 : 0;
        }

        void add(Preview preview) {
            if (preview instanceof Preview.WouldSend would) {
                sendable++;
                segments += would.segments();
                cost = cost.add(would.cost());
                currency = would.currency();
                if (would.decision() instanceof ContactDecision.Deferred later) {
                    deferred.merge(later.reason().name(), 1L, Long::sum);
                }
            } else if (preview instanceof Preview.WouldNotSend wouldNot) {
                suppressed.merge(reasonOf(wouldNot.decision()), 1L, Long::sum);
            } else {
                suppressed.merge(((Preview.Unsendable) preview).reason(), 1L, Long::sum);
            }
        }

        private static String reasonOf(ContactDecision decision) {
            if (decision instanceof ContactDecision.Refused refused) {
                return refused.reason().name();
            }
            throw policyPaused();
        }

        Estimate estimate() {
            return new Estimate(audience, Map.copyOf(suppressed), Map.copyOf(deferred), heldOut, sendable, segments,
                    cost, currency, true);
        }
    }

    /** The policy cannot decide while its counters are rebuilt: ask again shortly, as its other APIs answer. */
    private static ErrorResponseException policyPaused() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the contact counters are being rebuilt from the contact log; nothing was estimated, ask again shortly");
        problem.setTitle("Contact policy paused");
        ErrorResponseException paused = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        paused.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
        return paused;
    }
}
