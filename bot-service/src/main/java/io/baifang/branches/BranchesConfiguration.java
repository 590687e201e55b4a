package io.baifang.branches;

import io.baifang.shared.BaifangProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BranchesConfiguration {

    /** Loaded once at start-up: a bad entry stops the service with a message naming it. */
    @Bean
    BranchNetwork branchNetwork(BaifangProperties properties) {
        return BranchNetworkFile.load(properties.configDir().resolve("branches.yml"));
    }
}
