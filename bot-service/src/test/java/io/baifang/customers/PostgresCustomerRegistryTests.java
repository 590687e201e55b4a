package io.baifang.customers;

import io.baifang.shared.PostgresTestSettings;
import io.baifang.shared.RealServer;
import io.baifang.shared.RequiresServer;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The registry contract in production mode: PostgreSQL and Redis, a configured ID-number key. */
@RequiresServer({RealServer.POSTGRES, RealServer.REDIS})
@ActiveProfiles("prod")
@TestPropertySource(properties = "baifang.customers.pii.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
class PostgresCustomerRegistryTests extends CustomerRegistryContract {

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        PostgresTestSettings.register(registry);
    }
}
