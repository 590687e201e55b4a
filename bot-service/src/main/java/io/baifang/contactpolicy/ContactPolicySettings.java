package io.baifang.contactpolicy;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules in force, as loaded from {@code config/contact-policy.yml} (see {@link ContactPolicyFile}).
 *
 * @param caps           marketing caps in sliding windows, each with the id a refusal names
 * @param channelWeights how much one contact on a channel counts against the caps
 * @param holdGrace      how long after its planned time an unused hold keeps its slot
 * @param holdHorizon    how far ahead of its planned time a hold may be placed (shipped: the longest cap
 *                       window, beyond which a hold could not stand in the way of any contact decided now)
 */
public record ContactPolicySettings(
        List<FrequencyCap> caps,
        CampaignWaveCap campaignWave,
        Map<Channel, Integer> channelWeights,
        QuietHours quietHours,
        List<ProviderLimit> providerLimits,
        Duration holdGrace,
        Duration holdHorizon) {

    public ContactPolicySettings {
        caps = List.copyOf(caps);
        channelWeights = Map.copyOf(new EnumMap<>(channelWeights));
        providerLimits = List.copyOf(providerLimits);
    }

    public int weightOf(Channel channel) {
        return channelWeights.getOrDefault(channel, 1);
    }

    public Optional<ProviderLimit> providerLimitFor(ProviderRoute route) {
        if (route == null) {
            return Optional.empty();
        }
        return providerLimits.stream().filter(limit -> limit.provider().equals(route.provider())).findFirst();
    }

    /** The longest cap window: how long the counters keep a contact. */
    public Duration longestWindow() {
        return caps.stream().map(FrequencyCap::window).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    public Duration longestProviderWindow() {
        return providerLimits.stream().map(ProviderLimit::window).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    /** The setting {@code baifang.contact-policy.quiet-hours.enabled} overrides the file. */
    public ContactPolicySettings withQuietHoursEnabled(boolean enabled) {
        return new ContactPolicySettings(caps, campaignWave, channelWeights, quietHours.withEnabled(enabled),
                providerLimits, holdGrace, holdHorizon);
    }
}
