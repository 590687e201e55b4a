package io.baifang.channels;

import java.util.UUID;

import io.baifang.shared.PostgresTestSettings;
import io.baifang.shared.RealServer;
import io.baifang.shared.RedisTestKeys;
import io.baifang.shared.RequiresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Messaging in production mode: PostgreSQL, Redis counters, no simulator. A scripted SMS provider stands in
 * for Twilio. Redis db 0 is shared, so this class keeps its counters under its own key prefix and removes
 * them when it is done.
 */
@RequiresServer({RealServer.POSTGRES, RealServer.REDIS})
@ActiveProfiles("prod")
@TestPropertySource(properties = {
        "baifang.customers.pii.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "baifang.channels.sms-provider=" + ScriptedChannel.PROVIDER})
@Import(PostgresMessagingApiTests.ScriptedSms.class)
class PostgresMessagingApiTests extends MessagingApiContract {

    private static final String PREFIX = "test:messaging-api:" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        PostgresTestSettings.register(registry);
        registry.add("baifang.contact-counters-prefix", () -> PREFIX);
    }

    @Test
    void theSimulatedGatewayIsOffInProduction() {
        asAdmin().get().uri("/api/simulator/phones/{phone}/messages", CONSENTING).exchange()
                .expectStatus().isNotFound();
        asAdmin().post().uri("/api/simulator/phones/{phone}/reply", CONSENTING).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"好\"}").exchange()
                .expectStatus().isNotFound();
        asAdmin().get().uri("/simulator/index.html").exchange().expectStatus().isNotFound();
    }

    @AfterAll
    static void removeTheCountersOfThisTest() {
        RedisTestKeys.deleteUnder(PREFIX);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ScriptedSms {

        @Bean
        ScriptedChannel scriptedSms(ProviderEvents events) {
            return new ScriptedChannel(ChannelKind.SMS, events);
        }
    }
}
