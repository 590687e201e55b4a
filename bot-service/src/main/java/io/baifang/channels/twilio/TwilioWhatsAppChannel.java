package io.baifang.channels.twilio;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.baifang.channels.ChannelKind;
import io.baifang.channels.OutboundChannel;
import io.baifang.channels.OutboundMessage;
import io.baifang.channels.SendOutcome;
import reactor.core.publisher.Mono;

/**
 * WhatsApp through Twilio: the same Messages API as SMS, with both addresses written
 * {@code whatsapp:+86…}. Our addresses stay plain E.164; the prefix is Twilio's vocabulary and is added here.
 */
final class TwilioWhatsAppChannel implements OutboundChannel {

    static final String PREFIX = "whatsapp:";

    private final TwilioMessageSender sender;
    private final StatusCallbacks statusCallbacks;
    private final String from;

    TwilioWhatsAppChannel(TwilioMessageSender sender, StatusCallbacks statusCallbacks, String from) {
        if (!TwilioProperties.hasText(from)) {
            throw new IllegalArgumentException("Twilio WhatsApp needs twilio.whatsapp-from");
        }
        this.sender = sender;
        this.statusCallbacks = statusCallbacks;
        this.from = from;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WHATSAPP;
    }

    @Override
    public String provider() {
        return TwilioConfiguration.PROVIDER;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message) {
        return sender.send(message.messageId(), () -> creatorFor(message));
    }

    private MessageCreator creatorFor(OutboundMessage message) {
        return Message.creator(whatsApp(message.to()), whatsApp(from), message.text())
                .setStatusCallback(statusCallbacks.forMessage(message.messageId()));
    }

    static PhoneNumber whatsApp(String address) {
        return new PhoneNumber(address.startsWith(PREFIX) ? address : PREFIX + address);
    }
}
