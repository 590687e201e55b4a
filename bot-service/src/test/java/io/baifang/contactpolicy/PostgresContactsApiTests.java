package io.baifang.contactpolicy;

import java.util.ArrayList;
import java.util.List;

import io.baifang.shared.PostgresTestSettings;
import io.baifang.shared.RealServer;
import io.baifang.shared.RequiresServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The contacts API in production mode: PostgreSQL and Redis counters. Redis db 0 is shared, so this class
 * keeps its counters under its own key prefix, "loses" them by deleting only those keys, and removes them
 * when it is done.
 */
@RequiresServer({RealServer.POSTGRES, RealServer.REDIS})
@ActiveProfiles("prod")
@TestPropertySource(properties = "baifang.customers.pii.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
class PostgresContactsApiTests extends ContactsApiContract {

    private static final String PREFIX = RedisTestConnections.uniquePrefix("contacts-api");

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        PostgresTestSettings.register(registry);
        registry.add("baifang.contact-counters-prefix", () -> PREFIX);
    }

    /** What a Redis that restarted empty looks like to this service: its keys and epoch markers are gone. */
    @Override
    void loseTheCounters() {
        deleteKeysOfThisTest();
    }

    @AfterAll
    static void removeTheCountersOfThisTest() {
        deleteKeysOfThisTest();
    }

    private static void deleteKeysOfThisTest() {
        RedisClient client = RedisTestConnections.client(0);
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
}
