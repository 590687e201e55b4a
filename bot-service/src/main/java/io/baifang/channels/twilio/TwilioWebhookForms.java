package io.baifang.channels.twilio;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.baifang.channels.ChannelKind;
import io.baifang.channels.DeliveryStatus;
import io.baifang.channels.InboundMessage;
import io.baifang.channels.StatusReport;
import io.baifang.shared.PhoneNumbers;

/**
 * Reads Twilio's webhook forms into our records. Each method answers either the record or the reason the
 * form cannot be used (for a 400); nothing here talks to anything.
 */
final class TwilioWebhookForms {

    private TwilioWebhookForms() {
    }

    sealed interface Read<T> permits Usable, Unusable {
    }

    record Usable<T>(T value) implements Read<T> {
    }

    record Unusable<T>(String problem) implements Read<T> {
    }

    static Read<InboundMessage> inbound(Map<String, String> form, Instant receivedAt) {
        String sid = text(form, "MessageSid");
        String from = text(form, "From");
        String to = text(form, "To");
        if (sid == null) {
            return new Unusable<>("MessageSid is missing");
        }
        if (from == null || to == null) {
            return new Unusable<>("From and To are required");
        }
        String body = form.getOrDefault("Body", "");
        return new Usable<>(new InboundMessage(TwilioConfiguration.PROVIDER, sid, kindOf(from), address(from),
                address(to), body, receivedAt));
    }

    /** Empty when Twilio reported a status we do not record (answered 200 all the same). */
    static Read<Optional<StatusReport>> status(Map<String, String> form, String messageIdParameter,
                                               Instant reportedAt) {
        String sid = text(form, "MessageSid");
        String status = text(form, "MessageStatus");
        if (sid == null) {
            return new Unusable<>("MessageSid is missing");
        }
        if (status == null) {
            return new Unusable<>("MessageStatus is missing");
        }
        Optional<DeliveryStatus> ours = TwilioStatuses.ours(status);
        return new Usable<>(ours.map(delivery -> new StatusReport(TwilioConfiguration.PROVIDER, sid,
                messageId(messageIdParameter), delivery, text(form, "ErrorCode"), reportedAt)));
    }

    static ChannelKind kindOf(String twilioAddress) {
        return twilioAddress.startsWith(TwilioWhatsAppChannel.PREFIX) ? ChannelKind.WHATSAPP : ChannelKind.SMS;
    }

    /** Our form of an address: without {@code whatsapp:}, E.164 when it is a mobile, else as Twilio gave it. */
    static String address(String twilioAddress) {
        String plain = twilioAddress.startsWith(TwilioWhatsAppChannel.PREFIX)
                ? twilioAddress.substring(TwilioWhatsAppChannel.PREFIX.length())
                : twilioAddress;
        return PhoneNumbers.mobileE164(plain).orElse(plain);
    }

    private static UUID messageId(String parameter) {
        if (parameter == null) {
            return null;
        }
        try {
            return UUID.fromString(parameter);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static String text(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
