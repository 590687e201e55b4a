package io.baifang.shared;

/**
 * The real servers tests may need, at the addresses the environment gives (defaults: this machine).
 * {@code BAIFANG_TEST_PG_HOST}/{@code _PORT}/{@code _DB}/{@code _USER}/{@code _PASSWORD} and
 * {@code BAIFANG_TEST_REDIS_HOST}/{@code _PORT} override them.
 */
public enum RealServer {
    POSTGRES("BAIFANG_TEST_PG", "127.0.0.1", 5432),
    REDIS("BAIFANG_TEST_REDIS", "127.0.0.1", 6379);

    private final String envPrefix;
    private final String defaultHost;
    private final int defaultPort;

    RealServer(String envPrefix, String defaultHost, int defaultPort) {
        this.envPrefix = envPrefix;
        this.defaultHost = defaultHost;
        this.defaultPort = defaultPort;
    }

    public String host() {
        return env("HOST", defaultHost);
    }

    public int port() {
        return Integer.parseInt(env("PORT", String.valueOf(defaultPort)));
    }

    /** PostgreSQL only: the database the tests own (created by scripts/services.sh). */
    public String database() {
        return env("DB", "baifang_test");
    }

    public String user() {
        return env("USER", "postgres");
    }

    public String password() {
        return env("PASSWORD", "");
    }

    private String env(String suffix, String fallback) {
        String value = System.getenv(envPrefix + "_" + suffix);
        return value == null || value.isBlank() ? fallback : value;
    }
}
