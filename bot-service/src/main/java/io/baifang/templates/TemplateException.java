package io.baifang.templates;

/** A message cannot be rendered as asked; nothing may be sent. The message says what to fix. */
public abstract class TemplateException extends RuntimeException {

    TemplateException(String message) {
        super(message);
    }
}
