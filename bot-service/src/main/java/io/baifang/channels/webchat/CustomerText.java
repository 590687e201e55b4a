package io.baifang.channels.webchat;

import java.util.regex.Pattern;

/**
 * What a customer types into the chat, checked the same way on the socket and on the HTTP fallback: a client
 * id the page makes for each message (so a resend after a reconnect is stored once), and text that is not
 * blank and fits the message store. Plain Java: returns a decision, never throws.
 */
final class CustomerText {

    /** {@code messages.text} holds this many characters. */
    static final int MAX_LENGTH = 4000;

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private CustomerText() {
    }

    /** The check's answer. */
    sealed interface Checked {

        record Accepted(String clientId, String text) implements Checked {
        }

        /**
         * @param code    for the page: {@code INVALID_CLIENT_ID}, {@code EMPTY_TEXT}, {@code TEXT_TOO_LONG}
         * @param field   the field at fault
         * @param message what is wrong with it, for a person
         */
        record Refused(String code, String field, String message) implements Checked {

            /** The field and what is wrong with it, as a problem's {@code detail}. */
            String detail() {
                return field + ": " + message;
            }
        }
    }

    static Checked check(String clientId, String text) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            return new Checked.Refused("INVALID_CLIENT_ID", "clientId",
                    "must be 8 to 64 letters, digits, '-' or '_', new for every message");
        }
        if (text == null || text.isBlank()) {
            return new Checked.Refused("EMPTY_TEXT", "text", "must not be empty");
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_LENGTH) {
            return new Checked.Refused("TEXT_TOO_LONG", "text",
                    "at most " + MAX_LENGTH + " characters (this one has " + trimmed.length() + ")");
        }
        return new Checked.Accepted(clientId, trimmed);
    }
}
