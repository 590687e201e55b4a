package io.baifang.shared;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when no database URL is configured, R2DBC and Flyway both point at one H2 file
 * database under {@code baifang.data-dir}, so data survives a restart. H2 wants an explicit absolute or
 * {@code ./}-relative path, so the directory is resolved here rather than spelled in YAML.
 */
class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.r2dbc.url")) {
            return;
        }
        Path database = Path.of(environment.getProperty("baifang.data-dir", "./data"))
                .toAbsolutePath().normalize().resolve("baifang");
        String file = database.toString().replace('\\', '/');
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.r2dbc.url", "r2dbc:h2:file:///" + file + H2_SETTINGS);
        defaults.put("spring.r2dbc.username", "sa");
        defaults.put("spring.flyway.url", "jdbc:h2:file:" + file + H2_SETTINGS);
        defaults.put("spring.flyway.user", "sa");
        environment.getPropertySources().addLast(new MapPropertySource("baifangEmbeddedDatabase", defaults));
    }
}
