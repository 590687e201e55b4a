package io.baifang.shared;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a test context at the real PostgreSQL (database baifang_test, created by scripts/services.sh). */
public final class PostgresTestSettings {

    private PostgresTestSettings() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        RealServer pg = RealServer.POSTGRES;
        String hostAndDb = pg.host() + ":" + pg.port() + "/" + pg.database();
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://" + hostAndDb);
        registry.add("spring.r2dbc.username", pg::user);
        registry.add("spring.r2dbc.password", pg::password);
        registry.add("spring.flyway.url", () -> "jdbc:postgresql://" + hostAndDb);
        registry.add("spring.flyway.user", pg::user);
        registry.add("spring.flyway.password", pg::password);
        RealServer redis = RealServer.REDIS;
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
    }
}
