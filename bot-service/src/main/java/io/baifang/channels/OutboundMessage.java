package io.baifang.channels;

import java.util.UUID;

/**
 * One rendered message, ready for a provider.
 *
 * @param messageId our id; providers carry it back (e.g. in the status callback URL)
 * @param to        the address on that channel: E.164 for SMS and WhatsApp, the chat token for web chat
 * @param text      the final text, signature and opt-out line included
 */
public record OutboundMessage(UUID messageId, ChannelKind kind, String to, String text) {

    @Override
    public String toString() {
        // never the text or the full address: both are the customer's
        return "OutboundMessage[" + messageId + ", " + kind + "]";
    }
}
