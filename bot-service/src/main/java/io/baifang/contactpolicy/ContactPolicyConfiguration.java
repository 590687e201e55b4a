package io.baifang.contactpolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import io.baifang.customers.CustomerDirectory;
import io.baifang.shared.IdGenerator;
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
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Thin wiring: the policy from {@code ${baifang.config-dir:config}/contact-policy.yml}, and the counters
 * chosen by {@code baifang.contact-counters} ({@code jvm}, the default, or {@code redis}, which uses the
 * application's Lettuce connection factory, keys under {@code baifang.contact-counters-prefix}); the contact
 * log, the {@link ContactGate} every send path goes through, and the recovery schedule
 * ({@code baifang.contact-policy.recovery-check-interval}, default 10 s).
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
            @Value("${baifang.contact-counters-timeout:PT2S}") Duration timeout,
            @Value("${baifang.contact-counters-prefix:" + RedisContactCounters.DEFAULT_PREFIX + "}") String prefix) {
        AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
        if (client instanceof RedisClusterClient cluster) {
            return new RedisContactCounters(cluster.connect(StringCodec.UTF8), rules, prefix, timeout);
        }
        return new RedisContactCounters(((RedisClient) client).connect(StringCodec.UTF8), rules, prefix, timeout);
    }

    @Bean
    ContactPolicy contactPolicy(ContactRules rules, ContactCounters counters, ObjectProvider<Clock> clock) {
        return new ContactPolicy(rules, counters, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CounterRecovery counterRecovery(ContactCounters counters, ContactPolicySettings settings,
            ObjectProvider<Clock> clock) {
        // wait a second for log lines of decisions made just before a loss; look again every second while
        // another instance rebuilds
        return new CounterRecovery(counters, settings, clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    @Bean
    ContactLog contactLog(DatabaseClient db) {
        return new ContactLog(db);
    }

    @Bean
    CounterRecoverySchedule counterRecoverySchedule(CounterRecovery recovery, ContactLog contactLog,
            @Value("${baifang.contact-policy.recovery-check-interval:PT10S}") Duration interval,
            ContactPolicySettings settings, ObjectProvider<Clock> clock) {
        return new CounterRecoverySchedule(recovery, contactLog, interval, settings.holdGrace(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ContactGate contactGate(ContactPolicy policy, ContactLog contactLog, CustomerDirectory customers,
            IdGenerator ids, ObjectProvider<Clock> clock, CounterRecoverySchedule recovery) {
        return new ContactGate(policy, contactLog, customers, ids, clock.getIfAvailable(Clock::systemUTC),
                recovery::recoverSoon);
    }
}
