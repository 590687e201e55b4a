package io.baifang.contactpolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Thin wiring: the policy from {@code ${baifang.config-dir:config}/contact-policy.yml}, and the counters
 * chosen by {@code baifang.contact-counters} ({@code jvm}, the default, or {@code redis}, which uses the
 * application's Lettuce connection factory). Scheduling {@link CounterRecovery#recoverIfNeeded} with the
 * contact log query is the integration's job.
 */
@Configuration(proxyBeanMethods = false)
class ContactPolicyConfiguration {

    @Bean
    ContactPolicySettings contactPolicySettings(
            @Value("${baifang.config-dir:config}") String configDir,
            @Value("${baifang.zone:Asia/Shanghai}") String zone,
            @Value("${baifang.contact-policy.quiet-hours.enabled:#{null}}") Boolean quietHoursEnabled) {
        ContactPolicySettings settings = ContactPolicyFile.load(Path.of(configDir), ZoneId.of(zone));
        return quietHoursEnabled == null ? settings : settings.withQuietHoursEnabled(quietHoursEnabled);
    }

    @Bean
    ContactRules contactRules(ContactPolicySettings settings) {
        return new ContactRules(settings);
    }

    @Bean
    @ConditionalOnProperty(name = "baifang.contact-counters", havingValue = "jvm", matchIfMissing = true)
    ContactCounters jvmContactCounters(ContactRules rules) {
        return new JvmContactCounters(rules);
    }

    /**
     * The Redis store gets its own connection (auto-flush off for pipelining), from the client Spring Boot
     * configured. Connecting blocks once, at start-up, which is the one moment a blocking call is harmless;
     * the store is closed with the context (it is {@link AutoCloseable}).
     */
    @Bean
    @ConditionalOnProperty(name = "baifang.contact-counters", havingValue = "redis")
    ContactCounters redisContactCounters(ContactRules rules, LettuceConnectionFactory connectionFactory,
            @Value("${baifang.contact-counters-timeout:PT2S}") Duration timeout) {
        AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
        if (client instanceof RedisClusterClient cluster) {
            return new RedisContactCounters(cluster.connect(StringCodec.UTF8), rules,
                    RedisContactCounters.DEFAULT_PREFIX, timeout);
        }
        return new RedisContactCounters(((RedisClient) client).connect(StringCodec.UTF8), rules,
                RedisContactCounters.DEFAULT_PREFIX, timeout);
    }

    @Bean
    ContactPolicy contactPolicy(ContactRules rules, ContactCounters counters, ObjectProvider<Clock> clock) {
        return new ContactPolicy(rules, counters, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CounterRecovery counterRecovery(ContactCounters counters, ContactPolicySettings settings,
            ObjectProvider<Clock> clock) {
        return new CounterRecovery(counters, settings, clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(1));
    }
}
