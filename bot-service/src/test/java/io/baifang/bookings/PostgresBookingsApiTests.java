package io.baifang.bookings;

import io.baifang.shared.PostgresTestSettings;
import io.baifang.shared.RealServer;
import io.baifang.shared.RedisTestKeys;
import io.baifang.shared.RequiresServer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The bookings API in production mode: PostgreSQL (and Redis, which production mode needs for its counters). */
@RequiresServer({RealServer.POSTGRES, RealServer.REDIS})
@ActiveProfiles("prod")
@TestPropertySource(properties = "baifang.customers.pii.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
class PostgresBookingsApiTests extends BookingsApiContract {

    private static final String PREFIX = "test:bookings-api:" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        PostgresTestSettings.register(registry);
        registry.add("baifang.contact-counters-prefix", () -> PREFIX);
    }

    @AfterAll
    static void removeTheCountersOfThisTest() {
        RedisTestKeys.deleteUnder(PREFIX);
    }
}
