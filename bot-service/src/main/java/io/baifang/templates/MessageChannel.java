package io.baifang.templates;

/**
 * The channels a template may be sent on. Its own type rather than the contact policy's {@code Channel}, which
 * also counts staff calls and visits that no template is rendered for.
 */
public enum MessageChannel {
    /** Priced per SMS segment. */
    SMS,
    /** Priced per message: WhatsApp does not cut a text into segments. */
    WHATSAPP,
    /** Priced per message (usually nothing). */
    WEBCHAT;

    /** Whether the provider bills the text in SMS segments rather than as one message. */
    public boolean billedPerSegment() {
        return this == SMS;
    }
}
