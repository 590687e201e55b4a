package io.baifang.contactpolicy;

import java.util.Objects;
import java.util.UUID;

/**
 * One intended contact of one customer, as the policy needs to see it.
 *
 * @param campaign   the campaign wave, or {@code null} for a contact outside any campaign (a staff call)
 * @param templateId the template of a message, or {@code null} for a call or a visit
 * @param route      the SMS provider and signature, or {@code null} when no provider limit applies
 * @param optedOut   whether the customer has opted out of marketing
 * @param consent    whether the lead sheet says the customer consents to marketing (是/否)
 */
public record ContactAttempt(
        UUID customerId,
        Channel channel,
        ContactCategory category,
        CampaignWave campaign,
        String templateId,
        ProviderRoute route,
        boolean optedOut,
        boolean consent) {

    public ContactAttempt {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(category, "category");
    }

    /** A marketing contact of a consenting, not opted-out customer, outside any campaign. */
    public static ContactAttempt marketing(UUID customerId, Channel channel) {
        return new ContactAttempt(customerId, channel, ContactCategory.MARKETING, null, null, null, false, true);
    }

    public static ContactAttempt transactional(UUID customerId, Channel channel) {
        return new ContactAttempt(customerId, channel, ContactCategory.TRANSACTIONAL, null, null, null, false, true);
    }

    public ContactAttempt inCampaign(String campaignId, int wave, int priority) {
        return new ContactAttempt(customerId, channel, category, new CampaignWave(campaignId, wave, priority),
                templateId, route, optedOut, consent);
    }

    public ContactAttempt withTemplate(String templateId) {
        return new ContactAttempt(customerId, channel, category, campaign, templateId, route, optedOut, consent);
    }

    public ContactAttempt via(String provider, String signature) {
        return new ContactAttempt(customerId, channel, category, campaign, templateId,
                new ProviderRoute(provider, signature), optedOut, consent);
    }

    public ContactAttempt optedOut(boolean optedOut) {
        return new ContactAttempt(customerId, channel, category, campaign, templateId, route, optedOut, consent);
    }

    public ContactAttempt consent(boolean consent) {
        return new ContactAttempt(customerId, channel, category, campaign, templateId, route, optedOut, consent);
    }

    public ContactAttempt category(ContactCategory category) {
        return new ContactAttempt(customerId, channel, category, campaign, templateId, route, optedOut, consent);
    }
}
