package io.baifang.templates;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * A message ready to hand to a channel: the complete text, signature and (for marketing) opt-out line included,
 * with its length and price.
 *
 * @param characters characters as a person counts them
 * @param segments   SMS segments on {@link MessageChannel#SMS}; one on channels that bill per message
 * @param cost       {@code segments × price} of the channel
 */
public record RenderedMessage(
        String templateId,
        String variantId,
        TemplateCategory category,
        MessageChannel channel,
        String text,
        TextEncoding encoding,
        int characters,
        int segments,
        BigDecimal cost,
        Currency currency) {
}
