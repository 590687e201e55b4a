package io.baifang.templates;

/**
 * A value a template needs.
 *
 * @param name        as written in the body, {@code {{name}}}
 * @param description what it is, for the person filling it in
 * @param example     a realistic value, used by previews in the console and by the tests that render every template
 */
public record TemplateVariable(String name, String description, String example) {
}
