package io.baifang.campaigns;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.baifang.branches.BranchNetwork;
import io.baifang.channels.ChannelKind;
import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.BaifangProperties;
import io.baifang.templates.CustomerVariables;
import io.baifang.templates.MessageChannel;
import io.baifang.templates.MessageTemplate;
import io.baifang.templates.MessageTemplates;
import io.baifang.templates.RenderedMessage;
import io.baifang.templates.TemplateException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/campaigns/{id}/estimate}: what the campaign would send if it began now, without sending or
 * counting anything. Streams the audience from the registry (memory stays flat whatever its size) and, per
 * customer, applies what the registry already says (opted out, no consent, no phone), sets the hold-out group
 * aside exactly as the dispatcher will (the assignment is derived from the ids), and renders the variant the
 * customer would get to count segments and cost.
 *
 * <p>Not yet: the contact policy's refusals (caps, campaign waves, quiet hours). Those need the policy's
 * preview (decisions without counting or logging), which is being added to {@code ContactGate}; until then
 * the estimate says {@code policyChecked: false} and {@code sendable} is what the registry allows.
 */
@Component
class CampaignEstimates {

    private final CustomerDirectory customers;
    private final MessageTemplates templates;
    private final BranchNetwork branches;
    private final Clock clock;
    private final ZoneId zone;

    CampaignEstimates(CustomerDirectory customers, MessageTemplates templates, BranchNetwork branches, Clock clock,
                      BaifangProperties baifang) {
        this.customers = customers;
        this.templates = templates;
        this.branches = branches;
        this.clock = clock;
        this.zone = baifang.zone();
    }

    /**
     * @param suppressed    why customers of the audience would get nothing: {@code OPTED_OUT},
     *                      {@code NO_CONSENT}, {@code NO_PHONE}, {@code NOT_RENDERED}
     * @param policyChecked whether the contact policy's refusals are counted in {@code suppressed}
     */
    record Estimate(long audience, Map<String, Long> suppressed, long heldOut, long sendable, long segments,
                    BigDecimal cost, String currency, boolean policyChecked) {
    }

    Mono<Estimate> estimate(Campaign campaign) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Map<String, String> variables = new HashMap<>(campaign.definition().variables());
        if (campaign.definition().offeredDate() != null) {
            variables.put(CampaignDefinition.OFFERED_DAY, OfferedDay.asSaidOn(campaign.definition().offeredDate(), today));
        }
        return customers.streamMatching(campaign.definition().audience().criteria())
                .reduce(new Tally(), (tally, customer) -> tally.add(outcomeFor(campaign, customer, variables)))
                .map(Tally::estimate);
    }

    /** One customer's share of the estimate: a reason they would get nothing, or the message they would get. */
    private record Outcome(String suppressedBy, boolean heldOut, RenderedMessage message) {
    }

    private Outcome outcomeFor(Campaign campaign, Customer customer, Map<String, String> campaignVariables) {
        if (customer.optedOut()) {
            return new Outcome("OPTED_OUT", false, null);
        }
        if (!customer.consent()) {
            return new Outcome("NO_CONSENT", false, null);
        }
        if (customer.phone() == null || customer.phone().isBlank()) {
            return new Outcome("NO_PHONE", false, null);
        }
        CampaignDefinition definition = campaign.definition();
        RecipientAssignment assignment = RecipientAssignment.of(campaign.id(), campaign.wave(), customer.id(),
                definition.holdOutPercent(), definition.variantsOf(campaign.wave()));
        if (assignment.heldOut()) {
            return new Outcome(null, true, null);
        }
        Map<String, Object> variables = new HashMap<>(CustomerVariables.of(customer, branches.find(customer.branch())));
        variables.putAll(campaignVariables);
        try {
            Variant variant = assignment.variant();
            return new Outcome(null, false, templates.render(variant.templateId(), variant.variantId(), variables,
                    channelFor(variant.templateId(), definition)));
        } catch (TemplateException notRendered) {
            return new Outcome("NOT_RENDERED", false, null);
        }
    }

    private MessageChannel channelFor(String templateId, CampaignDefinition definition) {
        MessageTemplate template = templates.find(templateId).orElseThrow();
        for (ChannelKind kind : definition.channels()) {
            MessageChannel channel = MessageChannel.valueOf(kind.name());
            if (template.offers(channel)) {
                return channel;
            }
        }
        return template.preferredChannel();
    }

    /** The running sums; one instance per estimate, fed in order by a single reduce. */
    private static final class Tally {

        private long audience;
        private long heldOut;
        private long sendable;
        private long segments;
        private BigDecimal cost = BigDecimal.ZERO;
        private String currency;
        private final Map<String, Long> suppressed = new TreeMap<>();

        Tally add(Outcome outcome) {
            audience++;
            if (outcome.suppressedBy() != null) {
                suppressed.merge(outcome.suppressedBy(), 1L, Long::sum);
            } else if (outcome.heldOut()) {
                heldOut++;
            } else {
                sendable++;
                segments += outcome.message().segments();
                cost = cost.add(outcome.message().cost());
                currency = outcome.message().currency().getCurrencyCode();
            }
            return this;
        }

        Estimate estimate() {
            return new Estimate(audience, Map.copyOf(suppressed), heldOut, sendable, segments, cost, currency, false);
        }
    }
}
