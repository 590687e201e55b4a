package io.baifang.contactpolicy;

import io.baifang.shared.PostgresTestSettings;
import io.baifang.shared.RealServer;
import io.baifang.shared.RedisTestKeys;
import io.baifang.shared.RequiresServer;
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
        RedisTestKeys.deleteUnder(PREFIX);
    }
}
