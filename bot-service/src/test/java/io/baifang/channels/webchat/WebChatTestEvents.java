package io.baifang.channels.webchat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.baifang.channels.MessageReceived;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** What the web chat tests add to the application: a listener keeping every {@link MessageReceived}. */
@TestConfiguration(proxyBeanMethods = false)
class WebChatTestEvents {

    @Bean
    Received receivedMessages() {
        return new Received();
    }

    static class Received {

        final List<MessageReceived> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(MessageReceived event) {
            events.add(event);
        }
    }
}
