package io.baifang.customers;

import io.baifang.shared.BaifangProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomersConfiguration {

    @Bean
    IdNumberVault idNumberVault(CustomersProperties properties, BaifangProperties baifang) {
        return new IdNumberVault(PiiKeys.masterKey(properties.pii(), baifang.dataDir()));
    }
}
