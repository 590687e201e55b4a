package io.baifang.channels;

import java.time.Instant;

/** A message a customer sent us, as a provider reported it. */
public record InboundMessage(String provider, String providerId, ChannelKind kind, String from, String to,
                             String text, Instant receivedAt) {

    @Override
    public String toString() {
        return "InboundMessage[" + provider + ":" + providerId + ", " + kind + "]";
    }
}
