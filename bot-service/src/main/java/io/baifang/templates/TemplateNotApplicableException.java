package io.baifang.templates;

/** The template exists but not in the form asked for: a variant it does not have, a channel it is not for. */
public final class TemplateNotApplicableException extends TemplateException {

    TemplateNotApplicableException(String message) {
        super(message);
    }
}
