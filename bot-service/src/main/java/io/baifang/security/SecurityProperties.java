package io.baifang.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param admin the bootstrap admin created on first start
 */
@ConfigurationProperties("baifang")
record SecurityProperties(Admin admin) {

    SecurityProperties {
        admin = admin == null ? new Admin(null) : admin;
    }

    /** @param password the bootstrap admin's password; generated and printed once when absent */
    record Admin(String password) {
    }
}
