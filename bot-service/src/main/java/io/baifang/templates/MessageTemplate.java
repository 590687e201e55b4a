package io.baifang.templates;

import java.util.List;
import java.util.Optional;

/**
 * A scripted message as loaded from {@code templates/<id>.yml}.
 *
 * @param id        stable id other modules and campaigns refer to
 * @param name      what staff see
 * @param category  marketing (gets the opt-out line) or transactional
 * @param channels  the channels it may be sent on
 * @param variables the variables it declares; every variant uses only these, and each is used by some variant
 * @param variants  at least one; the first is the one used when no variant is asked for
 */
public record MessageTemplate(
        String id,
        String name,
        TemplateCategory category,
        List<MessageChannel> channels,
        List<TemplateVariable> variables,
        List<TemplateVariant> variants) {

    public MessageTemplate {
        channels = List.copyOf(channels);
        variables = List.copyOf(variables);
        variants = List.copyOf(variants);
    }

    /** The variant with that id; {@code null} means the first one. */
    public Optional<TemplateVariant> variant(String variantId) {
        if (variantId == null) {
            return Optional.of(variants.get(0));
        }
        return variants.stream().filter(variant -> variant.id().equals(variantId)).findFirst();
    }

    public boolean offers(MessageChannel channel) {
        return channels.contains(channel);
    }

    /** SMS when the template is sent by SMS, otherwise its first channel. */
    public MessageChannel preferredChannel() {
        return offers(MessageChannel.SMS) ? MessageChannel.SMS : channels.get(0);
    }
}
