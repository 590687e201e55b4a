package io.baifang.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Send rates: {@code baifang.send-rates=jvm} (the embedded default, one instance) or {@code redis} (production:
 * shared by every instance, through the application's Lettuce client).
 */
@Configuration(proxyBeanMethods = false)
class SendRatesConfiguration {

    @Bean
    @ConditionalOnProperty(name = "baifang.send-rates", havingValue = "jvm", matchIfMissing = true)
    SendRates jvmSendRates() {
        return new JvmSendRates();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "baifang.send-rates", havingValue = "redis")
    SendRates redisSendRates(LettuceConnectionFactory connectionFactory,
            @Value("${baifang.send-rates-prefix:" + RedisSendRates.DEFAULT_PREFIX + "}") String prefix) {
        return new RedisSendRates(connectionFactory.getRequiredNativeClient(), prefix);
    }
}
