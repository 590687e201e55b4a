package io.baifang.templates;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the templates module (the folder itself is {@code baifang.templates-dir}).
 *
 * @param signature       the sender's name the renderer puts in 【 】 in front of every message
 * @param optOutLine      appended to every marketing message
 * @param currency        the currency of the prices
 * @param pricePerSegment price of one SMS segment, or of one message on WHATSAPP and WEBCHAT; channels left out
 *                        keep their defaults (SMS 0.05, WHATSAPP 0.05, WEBCHAT 0)
 */
@Validated
@ConfigurationProperties("baifang.templates")
record TemplatesProperties(
        @NotBlank @DefaultValue("百访银行") String signature,
        @NotBlank @DefaultValue("回T退订") String optOutLine,
        @NotNull @DefaultValue("CNY") Currency currency,
        Map<MessageChannel, @NotNull @PositiveOrZero BigDecimal> pricePerSegment) {

    static final Map<MessageChannel, BigDecimal> DEFAULT_PRICES = Map.of(
            MessageChannel.SMS, new BigDecimal("0.05"),
            MessageChannel.WHATSAPP, new BigDecimal("0.05"),
            MessageChannel.WEBCHAT, BigDecimal.ZERO);

    TemplatesProperties {
        Map<MessageChannel, BigDecimal> prices = new EnumMap<>(DEFAULT_PRICES);
        if (pricePerSegment != null) {
            prices.putAll(pricePerSegment);
        }
        pricePerSegment = Map.copyOf(prices);
    }

    Pricing pricing() {
        return new Pricing(pricePerSegment, currency);
    }

    MessageFrame frame() {
        return new MessageFrame(signature, optOutLine);
    }
}
