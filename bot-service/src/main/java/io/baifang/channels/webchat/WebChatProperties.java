package io.baifang.channels.webchat;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of web chat ({@code baifang.channels.webchat.*}).
 *
 * @param linkLifetime how long a chat link opens the chat after it is made; {@code 0} keeps it until revoked
 * @param threadSize   how many of the latest messages the chat page shows when it opens
 * @param burst        messages a customer may send at once before they have to wait
 * @param refillEvery  one more message allowed after each such interval (so {@code burst} quickly, then one
 *                     per interval)
 */
@Validated
@ConfigurationProperties("baifang.channels.webchat")
record WebChatProperties(
        @NotNull @DefaultValue("P30D") Duration linkLifetime,
        @Min(1) @Max(500) @DefaultValue("100") int threadSize,
        @Min(1) @Max(100) @DefaultValue("5") int burst,
        @NotNull @DefaultValue("PT2S") Duration refillEvery) {

    /** No expiry when the lifetime is zero (or negative). */
    boolean linksExpire() {
        return !linkLifetime.isZero() && !linkLifetime.isNegative();
    }
}
