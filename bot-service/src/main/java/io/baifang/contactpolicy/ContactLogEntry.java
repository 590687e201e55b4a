package io.baifang.contactpolicy;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the contact log: a decision of the contact policy, allowed or not, or a hold, as
 * {@code GET /api/customers/{id}/contacts} shows it.
 *
 * @param decision      {@code ALLOWED}, a {@link ContactDecision.Reason} name, {@code PAUSED}, or {@code HELD}
 *                      for a hold a scheduled wave placed
 * @param rule          the rule that decided a refusal or deferral ({@code marketing-1d}, {@code opt-out}, …)
 * @param nextAllowedAt when the rule would allow it, for a refusal that waiting helps and for a deferral
 * @param recordedBy    the staff member's username, or {@code system}
 * @param releasedAt    when an allowed contact or a hold was released, so it no longer counts
 * @param plannedAt     for a hold ({@code HELD}): when the wave's send is planned, the time the hold counts at
 * @param releaseReason why it was released: {@code REJECTED} (by the provider), or for a hold {@code CANCELLED},
 *                      {@code USED}, {@code DISPLACED} or {@code LAPSED}
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
        Instant releasedAt,
        Instant plannedAt,
        String releaseReason) {

    public static final String ALLOWED = "ALLOWED";
    /** A scheduled wave holds the customer's slot at {@code plannedAt}. */
    public static final String HELD = "HELD";
    public static final String PAUSED = "PAUSED";
    public static final String SYSTEM = "system";

    public boolean allowed() {
        return ALLOWED.equals(decision);
    }

    public boolean released() {
        return releasedAt != null;
    }

    public boolean held() {
        return HELD.equals(decision);
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
                nameOf(decision), ruleOf(decision), nextAllowedAtOf(decision), note, recordedBy, at, null, null, null);
    }

    /** The line of a hold placed at {@code at} for the attempt's wave, its send planned at {@code plannedAt}. */
    static ContactLogEntry held(UUID id, ContactAttempt attempt, Instant plannedAt, Instant at) {
        ContactLogEntry line = of(id, attempt, ContactDecision.Allowed.uncounted(), null, SYSTEM, at);
        return new ContactLogEntry(line.id, line.customerId, line.channel, line.category, line.campaignId,
                line.campaignWave, line.campaignPriority, line.templateId, line.provider, line.signature, HELD,
                null, null, null, SYSTEM, at, null, Instant.ofEpochMilli(plannedAt.toEpochMilli()), null);
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

    /**
     * The contact (or hold, at its planned time) as counter recovery sees it; only meaningful for an allowed
     * or held, unreleased entry.
     */
    PastContact asPastContact() {
        CampaignWave campaign = campaignId == null ? null
                : new CampaignWave(campaignId, campaignWave == null ? 0 : campaignWave,
                        campaignPriority == null ? 0 : campaignPriority);
        ProviderRoute route = provider == null || signature == null ? null : new ProviderRoute(provider, signature);
        boolean hold = held();
        return new PastContact(customerId, hold ? plannedAt : recordedAt, channel, category, campaign, templateId,
                route, hold);
    }
}
