package io.baifang.channels.twilio;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio as the SMS and WhatsApp provider. Sending is on only when both {@code accountSid} and
 * {@code authToken} are set; the webhooks need the auth token alone and refuse everything without it.
 *
 * @param accountSid          the account ({@code AC…}); with the auth token, turns sending on
 * @param authToken           signs webhooks and authenticates sends ({@code TWILIO_AUTH_TOKEN}); never logged
 * @param messagingServiceSid SMS are sent through this messaging service ({@code MG…}) when set
 * @param from                otherwise from this number (E.164)
 * @param whatsappFrom        the WhatsApp sender (E.164, without {@code whatsapp:}); the WhatsApp channel
 *                            exists only when it is set
 * @param apiBaseUrl          where the REST API is; only tests and local rehearsals change it (WireMock)
 * @param connectTimeout      connecting to Twilio
 * @param readTimeout         waiting for Twilio's answer to one request
 * @param retry               how transient failures are retried inside one send
 * @param circuit             when to stop calling Twilio for a while
 */
@Validated
@ConfigurationProperties("twilio")
record TwilioProperties(
        String accountSid,
        String authToken,
        String messagingServiceSid,
        String from,
        String whatsappFrom,
        @NotNull @DefaultValue("https://api.twilio.com") URI apiBaseUrl,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Circuit circuit) {

    boolean sendingConfigured() {
        return hasText(accountSid) && hasText(authToken);
    }

    boolean webhooksConfigured() {
        return hasText(authToken);
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        // the auth token must never reach a log, not even through a debug dump of the settings
        return "TwilioProperties[accountSid=" + accountSid + ", authToken=" + (hasText(authToken) ? "***" : "none")
                + ", messagingServiceSid=" + messagingServiceSid + ", from=" + from + ", whatsappFrom="
                + whatsappFrom + ", apiBaseUrl=" + apiBaseUrl + "]";
    }

    /**
     * @param maxAttempts  HTTP requests per send, the first included (1 turns retrying off)
     * @param firstBackoff the pause before the second attempt; doubled each time, with jitter
     * @param maxBackoff   the longest pause between two attempts
     * @param jitter       the share of each pause that is random (0 to 1)
     * @param laterAfter   what {@code RetryLater.after} says once the attempts are spent
     */
    record Retry(@DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
                 @NotNull @DefaultValue("250ms") Duration firstBackoff,
                 @NotNull @DefaultValue("2s") Duration maxBackoff,
                 @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double jitter,
                 @NotNull @DefaultValue("1m") Duration laterAfter) {
    }

    /**
     * @param failureThreshold consecutive transient failures (each HTTP attempt counts) that open the circuit
     * @param openFor          how long an open circuit refuses before one trial request is let through
     */
    record Circuit(@DefaultValue("5") @Min(1) int failureThreshold,
                   @NotNull @DefaultValue("30s") Duration openFor) {
    }
}
