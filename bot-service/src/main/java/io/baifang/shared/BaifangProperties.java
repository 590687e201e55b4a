package io.baifang.shared;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Deployment-wide settings every module may read.
 *
 * @param dataDir       where the embedded default keeps its database and files
 * @param configDir     deployable configuration: branches, contact rules, lexicons
 * @param templatesDir  message templates
 * @param zone          the zone of branch clocks, quiet hours and reply dates
 * @param publicBaseUrl the URL Twilio calls, for signature checks
 */
@Validated
@ConfigurationProperties("baifang")
public record BaifangProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotNull @DefaultValue("config") Path configDir,
        @NotNull @DefaultValue("templates") Path templatesDir,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl) {
}
