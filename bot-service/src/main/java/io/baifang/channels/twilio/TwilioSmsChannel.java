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
 * SMS through Twilio: from the messaging service when one is configured (Twilio then picks the sender),
 * otherwise from the configured number; Twilio reports delivery to our status webhook, which carries our
 * message id.
 */
final class TwilioSmsChannel implements OutboundChannel {

    private final TwilioMessageSender sender;
    private final StatusCallbacks statusCallbacks;
    private final String messagingServiceSid;
    private final String from;

    TwilioSmsChannel(TwilioMessageSender sender, StatusCallbacks statusCallbacks, String messagingServiceSid,
                     String from) {
        if (!TwilioProperties.hasText(messagingServiceSid) && !TwilioProperties.hasText(from)) {
            throw new IllegalArgumentException(
                    "Twilio SMS needs twilio.messaging-service-sid or twilio.from; neither is set");
        }
        this.sender = sender;
        this.statusCallbacks = statusCallbacks;
        this.messagingServiceSid = messagingServiceSid;
        this.from = from;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
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
        PhoneNumber to = new PhoneNumber(message.to());
        MessageCreator creator = TwilioProperties.hasText(messagingServiceSid)
                ? Message.creator(to, messagingServiceSid, message.text())
                : Message.creator(to, new PhoneNumber(from), message.text());
        return creator.setStatusCallback(statusCallbacks.forMessage(message.messageId()));
    }
}
