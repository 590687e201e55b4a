package io.baifang.channels;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the channels module.
 *
 * @param smsProvider      which {@link OutboundChannel} sends SMS: {@code simulator} (embedded default) or
 *                         {@code twilio} (production)
 * @param whatsappProvider which sends WhatsApp
 * @param webchatProvider  which sends web chat
 * @param sendAttempts     tries of one send in the request before it is left queued for the retry sweep
 * @param maxRetryWait     the longest the request waits between two tries (a provider's longer
 *                         {@code Retry-After} leaves the message queued instead)
 * @param resendAttempts   tries in all, counting the sweep's, before a queued message fails for good
 * @param sweepInterval    how often the sweeps run: inbound messages not announced, queued messages due
 * @param announceGrace    how long an inbound message may wait for its first announcement before the sweep
 *                         announces it (longer than a store-then-announce normally takes)
 * @param sendLease        how long a send in progress keeps its message from the retry sweep
 * @param maxPerSecond     a provider's throughput, messages a second across every instance, by provider
 *                         ({@code twilio: 100}); a provider not named has no limit
 */
@Validated
@ConfigurationProperties("baifang.channels")
record ChannelsProperties(
        @NotBlank @DefaultValue("simulator") String smsProvider,
        @NotBlank @DefaultValue("twilio") String whatsappProvider,
        @NotBlank @DefaultValue("webchat") String webchatProvider,
        @Min(1) @Max(10) @DefaultValue("3") int sendAttempts,
        @NotNull @DefaultValue("PT2S") Duration maxRetryWait,
        @Min(1) @DefaultValue("8") int resendAttempts,
        @NotNull @DefaultValue("PT30S") Duration sweepInterval,
        @NotNull @DefaultValue("PT1M") Duration announceGrace,
        @NotNull @DefaultValue("PT5M") Duration sendLease,
        Map<String, @Min(1) Integer> maxPerSecond) {

    ChannelsProperties {
        maxPerSecond = maxPerSecond == null ? Map.of() : Map.copyOf(maxPerSecond);
    }

    /** The provider's throughput, or 0 for no limit. */
    int maxPerSecondOf(String provider) {
        return maxPerSecond.getOrDefault(provider, 0);
    }

    String providerFor(ChannelKind kind) {
        return switch (kind) {
            case SMS -> smsProvider;
            case WHATSAPP -> whatsappProvider;
            case WEBCHAT -> webchatProvider;
        };
    }
}
