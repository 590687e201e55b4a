package io.baifang.campaigns;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.baifang.channels.ChannelKind;

/**
 * A campaign as checked by {@link CampaignDefinitionCheck} and stored (as JSON) with it.
 *
 * @param variants       the A/B split: from the template's own variants and weights when the request named
 *                       only a {@code templateId}
 * @param holdOutPercent the share of the audience that receives nothing (0–90)
 * @param channels       the channel preference, first reachable wins
 * @param variables      values the template needs beside the customer's and branch's own
 * @param offeredDate    the visit date the invitation offers; rendered as {@code offeredDay} (明天, …) on the day
 *                       each message goes out
 * @param schedule       {@code null}: begins when started
 * @param sendUntil      the end of the campaign's send window: a recipient the caps refuse until a time before
 *                       it is deferred to that time, not suppressed; {@code null}: no window
 * @param followUp       a second wave to the recipients who did not reply, or {@code null}
 * @param dailyWindow    the hours of each day it sends in, or {@code null} for any hour (quiet hours still hold)
 */
record CampaignDefinition(
        String name,
        CampaignKind kind,
        int priority,
        List<Variant> variants,
        int holdOutPercent,
        List<ChannelKind> channels,
        Audience audience,
        Map<String, String> variables,
        LocalDate offeredDate,
        CampaignSchedule schedule,
        OffsetDateTime sendUntil,
        int ratePerSecond,
        FollowUp followUp,
        DailyWindow dailyWindow) {

    static final String OFFERED_DAY = "offeredDay";

    /**
     * A follow-up wave: {@code afterDays} after the first wave completes, to each recipient who was sent the
     * first message and has not replied.
     *
     * @param variants the follow-up's template (or the first wave's variants)
     */
    record FollowUp(int afterDays, List<Variant> variants) {

        FollowUp {
            variants = List.copyOf(variants);
        }
    }

    /** The variants of a wave: the first wave's, or the follow-up's. */
    List<Variant> variantsOf(int wave) {
        return wave > 1 && followUp != null ? followUp.variants() : variants;
    }

    /** Whether a wave follows this one. */
    boolean hasWaveAfter(int wave) {
        return followUp != null && wave == 1;
    }

    CampaignDefinition {
        variants = List.copyOf(variants);
        channels = List.copyOf(channels);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
