package io.baifang.channels.webchat;

import io.baifang.shared.PostgresTestSettings;
import io.baifang.shared.RealServer;
import io.baifang.shared.RequiresServer;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Web chat in production mode: PostgreSQL, Redis counters. */
@RequiresServer({RealServer.POSTGRES, RealServer.REDIS})
@ActiveProfiles("prod")
@TestPropertySource(properties = {
        "baifang.customers.pii.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "baifang.contact-counters-prefix=test:webchat"})
class PostgresWebChatTests extends WebChatContract {

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        PostgresTestSettings.register(registry);
    }
}
