package io.baifang.templates;

import java.util.List;

/** The body needs variables that were not given (or were given blank): rendering stops rather than send a gap. */
public final class MissingVariablesException extends TemplateException {

    private final String templateId;
    private final List<String> names;

    MissingVariablesException(String templateId, List<String> names) {
        super("template " + templateId + " needs " + (names.size() == 1 ? "variable " : "variables ")
                + String.join(", ", names) + ", which " + (names.size() == 1 ? "was" : "were") + " not given");
        this.templateId = templateId;
        this.names = List.copyOf(names);
    }

    public String templateId() {
        return templateId;
    }

    /** The missing variables, in the order the body uses them. */
    public List<String> names() {
        return names;
    }
}
