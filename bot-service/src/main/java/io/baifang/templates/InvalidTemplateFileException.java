package io.baifang.templates;

/** A template file cannot be used; thrown at start-up, the message names the file and what is wrong. */
class InvalidTemplateFileException extends RuntimeException {

    InvalidTemplateFileException(String message) {
        super(message);
    }
}
