package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the contact log: a decision of the contact policy, allowed or not, as
 * {@code GET /api/customers/{id}/contacts} shows it.
 *
 * @param decision      {@code ALLOWED}, a {@link ContactDecision.Reason} name, or {@code PAUSED}
 * @param rule          the rule that decided a refusal or deferral ({@code marketing-1d}, {@code opt-out}, …)
 * @param nextAllowedAt when the rule would allow it, for a refusal that waiting helps and for a deferral
 * @param recordedBy    the staff member's username, or {@code system}
 * @param releasedAt    when an allowed contact was released (the provider rejected it), so it no longer counts
 */
public record ContactLogEntry(
        UUID id,
        UUID customerId,
        Channel channel,
        ContactCategory category,
        String campaignId,
        Integer campaignWave,
        Integer campaignPriority,
        String templateId,
        String provider,
        String signature,
        String decision,
        String rule,
        Instant nextAllowedAt,
        String note,
        String recordedBy,
        Instant recordedAt,
        Instant releasedAt) {

    public static final String ALLOWED = "ALLOWED";
    public static final String PAUSED = "PAUSED";
    public static final String SYSTEM = "system";

    public boolean allowed() {
        return ALLOWED.equals(decision);
    }

    public boolean released() {
        return releasedAt != null;
    }

    static ContactLogEntry of(UUID id, ContactAttempt attempt, ContactDecision decision, String note,
            String recordedBy, Instant at) {
        CampaignWave campaign = attempt.campaign();
        ProviderRoute route = attempt.route();
        return new ContactLogEntry(id, attempt.customerId(), attempt.channel(), attempt.category(),
                campaign == null ? null : campaign.campaignId(),
                campaign == null ? null : campaign.wave(),
                campaign == null ? null : campaign.priority(),
                attempt.templateId(),
                route == null ? null : route.provider(),
                route == null ? null : route.signature(),
                nameOf(decision), ruleOf(decision), nextAllowedAtOf(decision), note, recordedBy, at, null);
    }

    /** The name a decision is logged and answered under. */
    static String nameOf(ContactDecision decision) {
        if (decision instanceof ContactDecision.Allowed) {
            return ALLOWED;
        }
        if (decision instanceof ContactDecision.Refused refused) {
            return refused.reason().name();
        }
        if (decision instanceof ContactDecision.Deferred deferred) {
            return deferred.reason().name();
        }
        return PAUSED;
    }

    static String ruleOf(ContactDecision decision) {
        if (decision instanceof ContactDecision.Refused refused) {
            return refused.rule();
        }
        if (decision instanceof ContactDecision.Deferred deferred) {
            return deferred.rule();
        }
        return null;
    }

    static Instant nextAllowedAtOf(ContactDecision decision) {
        if (decision instanceof ContactDecision.Refused refused) {
            return refused.nextAllowedAt();
        }
        if (decision instanceof ContactDecision.Deferred deferred) {
            return deferred.until();
        }
        return null;
    }

    /** The contact as counter recovery sees it; only meaningful for an allowed, unreleased entry. */
    PastContact asPastContact() {
        CampaignWave campaign = campaignId == null ? null
                : new CampaignWave(campaignId, campaignWave == null ? 0 : campaignWave,
                        campaignPriority == null ? 0 : campaignPriority);
        ProviderRoute route = provider == null || signature == null ? null : new ProviderRoute(provider, signature);
        return new PastContact(customerId, recordedAt, channel, category, campaign, templateId, route);
    }
}
