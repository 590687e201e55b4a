package io.baifang.templates;

/** No template (or no variant of it) has that id. */
public final class UnknownTemplateException extends TemplateException {

    UnknownTemplateException(String message) {
        super(message);
    }
}
