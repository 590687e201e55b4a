package io.baifang.templates;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one billed unit costs per channel: an SMS segment, or a whole message on channels that do not cut
 * texts into segments.
 */
record Pricing(Map<MessageChannel, BigDecimal> perUnit, Currency currency) {

    Pricing {
        perUnit = Map.copyOf(new EnumMap<>(perUnit));
    }

    BigDecimal cost(MessageChannel channel, int units) {
        return perUnit.getOrDefault(channel, BigDecimal.ZERO).multiply(BigDecimal.valueOf(units));
    }
}
