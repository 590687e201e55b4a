package io.baifang.channels;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link OutboundChannel} beans, and which one sends on each kind of channel: the provider the settings
 * name ({@code baifang.channels.sms-provider}, …). A kind whose provider is not present has no channel:
 * sends on it are refused before anything is counted.
 */
@Component
class OutboundChannels {

    private final List<OutboundChannel> channels;
    private final ChannelsProperties settings;

    OutboundChannels(ObjectProvider<OutboundChannel> channels, ChannelsProperties settings) {
        this.channels = channels.orderedStream().toList();
        this.settings = settings;
    }

    Optional<OutboundChannel> forKind(ChannelKind kind) {
        String provider = settings.providerFor(kind);
        return channels.stream()
                .filter(channel -> channel.kind() == kind && channel.provider().equals(provider))
                .findFirst();
    }

    /** The channel that sent a stored message, for a retry. */
    Optional<OutboundChannel> find(ChannelKind kind, String provider) {
        return channels.stream()
                .filter(channel -> channel.kind() == kind && channel.provider().equals(provider))
                .findFirst();
    }
}
