package io.baifang.channels;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * What the messaging tests add to the application: a scripted WhatsApp provider (so a test decides what the
 * provider answers) and a listener that keeps every message event published.
 */
@TestConfiguration(proxyBeanMethods = false)
class MessagingTestChannels {

    @Bean
    ScriptedChannel scriptedWhatsApp(ProviderEvents events) {
        return new ScriptedChannel(ChannelKind.WHATSAPP, events);
    }

    @Bean
    PublishedEvents publishedEvents() {
        return new PublishedEvents();
    }

    /** Every {@link MessageReceived} and {@link DeliveryStatusChanged} published, in order. */
    static class PublishedEvents {

        final List<MessageReceived> received = new CopyOnWriteArrayList<>();
        final List<DeliveryStatusChanged> statusChanges = new CopyOnWriteArrayList<>();

        @EventListener
        void on(MessageReceived event) {
            received.add(event);
        }

        @EventListener
        void on(DeliveryStatusChanged event) {
            statusChanges.add(event);
        }

        void clear() {
            received.clear();
            statusChanges.clear();
        }
    }
}
