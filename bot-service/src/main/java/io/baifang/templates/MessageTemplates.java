package io.baifang.templates;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What other modules ask of the templates: the scripts loaded at start-up, and a message rendered from one,
 * ready for a channel. Plain Java and thread-safe; rendering is CPU-only and fast, so reactive callers may call
 * it on their own thread.
 */
public final class MessageTemplates {

    private final Map<String, CompiledTemplate> byId = new LinkedHashMap<>();
    private final MessageRenderer renderer;

    MessageTemplates(List<CompiledTemplate> templates, MessageRenderer renderer) {
        templates.forEach(template -> byId.put(template.template().id(), template));
        this.renderer = renderer;
    }

    /** Every template, ordered by id. */
    public List<MessageTemplate> all() {
        return byId.values().stream().map(CompiledTemplate::template)
                .sorted(Comparator.comparing(MessageTemplate::id)).toList();
    }

    public Optional<MessageTemplate> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id)).map(CompiledTemplate::template);
    }

    /**
     * Renders a template for one recipient.
     *
     * @param variantId {@code null} for the first variant
     * @param variables values by variable name; extra ones are ignored, so a caller may pass all it knows
     * @param channel   {@code null} for the template's preferred channel (SMS when it offers SMS)
     * @throws UnknownTemplateException       no template has that id
     * @throws TemplateNotApplicableException no such variant, or the template is not for that channel
     * @throws MissingVariablesException      a variable the body uses was not given, or blank
     */
    public RenderedMessage render(String templateId, String variantId, Map<String, ?> variables,
                                  MessageChannel channel) {
        CompiledTemplate template = byId.get(templateId);
        if (template == null) {
            throw new UnknownTemplateException("no template " + templateId);
        }
        return renderer.render(template, variantId, variables, channel);
    }

    /**
     * The sender's name every message is signed with (the 签名 inside 【】, without the brackets); providers
     * count their flow-control limits per signature and template.
     */
    public String signature() {
        return renderer.signature();
    }

    /** The first variant, on the template's preferred channel. */
    public RenderedMessage render(String templateId, Map<String, ?> variables) {
        return render(templateId, null, variables, null);
    }
}
