package io.baifang.templates;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders one variant for one channel, strictly: every variable the body uses must be given and not blank,
 * or nothing is rendered. Then frames it (signature, opt-out line) and measures and prices the whole text.
 */
final class MessageRenderer {

    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("M月d日");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm");

    private final MessageFrame frame;
    private final Pricing pricing;

    MessageRenderer(MessageFrame frame, Pricing pricing) {
        this.frame = frame;
        this.pricing = pricing;
    }

    /** The sender's name every message is signed with, without brackets. */
    String signature() {
        return frame.signature();
    }

    RenderedMessage render(CompiledTemplate compiled, String variantId, Map<String, ?> variables,
                           MessageChannel channel) {
        MessageTemplate template = compiled.template();
        TemplateVariant variant = template.variant(variantId).orElseThrow(() -> new TemplateNotApplicableException(
                "template " + template.id() + " has no variant '" + variantId + "' (it has "
                        + String.join(", ", template.variants().stream().map(TemplateVariant::id).toList()) + ")"));
        MessageChannel sentOn = channel == null ? template.preferredChannel() : channel;
        if (!template.offers(sentOn)) {
            throw new TemplateNotApplicableException("template " + template.id() + " is not for " + sentOn
                    + " (it is for " + String.join(", ", template.channels().stream().map(Enum::name).toList()) + ")");
        }
        Map<String, String> values = valuesFor(template.id(), variant.variables(), variables);
        String body = compiled.bodies().get(variant.id()).execute(values).strip();
        String text = frame.around(body, template.category());
        SmsLength length = SmsEncoding.measure(text);
        int billed = sentOn.billedPerSegment() ? length.segments() : 1;
        return new RenderedMessage(template.id(), variant.id(), template.category(), sentOn, text, length.encoding(),
                length.characters(), billed, pricing.cost(sentOn, billed), pricing.currency());
    }

    /** The text of each variable the body uses; all missing ones are named together, so one fix is enough. */
    private static Map<String, String> valuesFor(String templateId, List<String> needed, Map<String, ?> given) {
        Map<String, String> values = new HashMap<>();
        List<String> missing = needed.stream().filter(name -> {
            String text = given == null ? null : textOf(given.get(name));
            if (text == null || text.isBlank()) {
                return true;
            }
            values.put(name, text);
            return false;
        }).toList();
        if (!missing.isEmpty()) {
            throw new MissingVariablesException(templateId, missing);
        }
        return values;
    }

    private static String textOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return MONTH_DAY.format(date);
        }
        if (value instanceof LocalTime time) {
            return CLOCK.format(time);
        }
        if (value instanceof TemporalAccessor) {
            throw new IllegalArgumentException("give date-times as text the customer reads, not " + value.getClass());
        }
        return value.toString().strip();
    }
}
