package io.baifang.campaigns;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the campaigns module ({@code baifang.campaigns.*}).
 *
 * @param batchSize      recipients claimed and sent at once (never more than a second's worth of a campaign's
 *                       rate); small enough that pause and cancel take effect within a second
 * @param batchesInFlight batches one instance sends at once for a campaign (each claims its own recipients): more
 *                       than one keeps the processor busy while a batch waits on the database (claims never
 *                       name the same recipient)
 * @param tick           how often the dispatcher looks for work: scheduled campaigns due, running campaigns,
 *                       deferred recipients come due
 * @param claimLease     how long a claimed batch belongs to its dispatcher; a claim older than this is taken
 *                       as abandoned (the instance stopped) and reconciled with the messages stored
 * @param pausedRetry    how long a recipient waits when the contact policy is paused (counters being rebuilt)
 * @param slice          how long one running campaign may keep the dispatcher before the others get a turn
 * @param deliveryFlush  how often delivery reports are written to recipients, in one statement per outcome
 * @param holdsCheck     how often scheduled campaigns are checked for holds ahead to place (their start came within
 *                       the contact policy's hold horizon) and ended waves for holds to release
 * @param replyWindow    a reply is attributed to the last campaign message the customer got within this long
 *                       before it
 */
@Validated
@ConfigurationProperties("baifang.campaigns")
record CampaignsProperties(
        @Min(1) @Max(5_000) @DefaultValue("100") int batchSize,
        @Min(1) @Max(16) @DefaultValue("1") int batchesInFlight,
        @NotNull @DefaultValue("PT0.2S") Duration tick,
        @NotNull @DefaultValue("PT2M") Duration claimLease,
        @NotNull @DefaultValue("PT2S") Duration pausedRetry,
        @NotNull @DefaultValue("PT2S") Duration slice,
        @NotNull @DefaultValue("PT0.2S") Duration deliveryFlush,
        @NotNull @DefaultValue("P7D") Duration replyWindow,
        @NotNull @DefaultValue("PT1S") Duration holdsCheck) {
}
