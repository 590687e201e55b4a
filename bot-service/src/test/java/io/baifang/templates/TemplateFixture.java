package io.baifang.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** Templates written as the YAML a person would write, and a renderer with the demo signature and prices. */
final class TemplateFixture {

    static final MessageFrame FRAME = new MessageFrame("百访银行", "回T退订");
    static final Pricing PRICING = new Pricing(Map.of(
            MessageChannel.SMS, new BigDecimal("0.05"),
            MessageChannel.WHATSAPP, new BigDecimal("0.03"),
            MessageChannel.WEBCHAT, BigDecimal.ZERO), Currency.getInstance("CNY"));

    private TemplateFixture() {
    }

    static String template(String id, String category, String body, String... variables) {
        StringBuilder yaml = new StringBuilder()
                .append("id: ").append(id).append('\n')
                .append("name: 测试模板\n")
                .append("category: ").append(category).append('\n')
                .append("channels: [SMS, WHATSAPP]\n");
        if (variables.length > 0) {
            yaml.append("variables:\n");
            for (String variable : variables) {
                yaml.append("  ").append(variable).append(":\n")
                        .append("    description: 说明\n")
                        .append("    example: 例子\n");
            }
        }
        return yaml.append("body: |\n  ").append(body).append('\n').toString();
    }

    static Path write(Path folder, String fileName, String yaml) {
        try {
            return Files.writeString(folder.resolve(fileName), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageTemplates templatesIn(Path folder) {
        return new MessageTemplates(TemplateFiles.load(folder), new MessageRenderer(FRAME, PRICING));
    }

    static MessageTemplates templates(Path folder, String... yamls) {
        for (int i = 0; i < yamls.length; i++) {
            write(folder, "template-" + i + ".yml", yamls[i]);
        }
        return templatesIn(folder);
    }

    static MessageTemplates shipped() {
        return templatesIn(Path.of("templates"));
    }

    static Map<String, String> examplesOf(MessageTemplate template) {
        return template.variables().stream()
                .collect(java.util.stream.Collectors.toMap(TemplateVariable::name, TemplateVariable::example));
    }

    static List<String> ids(List<MessageTemplate> templates) {
        return templates.stream().map(MessageTemplate::id).toList();
    }
}
