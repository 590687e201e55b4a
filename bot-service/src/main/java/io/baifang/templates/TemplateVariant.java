package io.baifang.templates;

import java.util.List;

/**
 * One wording of a template. A template without A/B variants has exactly one, with id {@value #DEFAULT_ID}.
 *
 * @param id        the variant's id within its template ({@code A}, {@code B}, …)
 * @param body      the Mustache body, without signature or opt-out line
 * @param weight    its share when a campaign splits recipients between variants
 * @param variables the variables the body uses, in order of first use
 */
public record TemplateVariant(String id, String body, int weight, List<String> variables) {

    public static final String DEFAULT_ID = "default";

    public TemplateVariant {
        variables = List.copyOf(variables);
    }
}
