package io.baifang.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.baifang.shared.PostgresTestSettings;
import io.baifang.shared.RealServer;
import io.baifang.shared.RequiresServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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
        RedisClient client = RedisClient.create(RedisURI.builder()
                .withHost(RealServer.REDIS.host()).withPort(RealServer.REDIS.port()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs matching = ScanArgs.Builder.matches(PREFIX + ":*").limit(2_000);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, matching);
                List<String> keys = new ArrayList<>(page.getKeys());
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ScriptedSms {

        @Bean
        ScriptedChannel scriptedSms(ProviderEvents events) {
            return new ScriptedChannel(ChannelKind.SMS, events);
        }
    }
}
