package io.baifang.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes sure user {@code admin} exists on first start. Sign-ins wait for it (see {@link StaffDirectory}),
 * so the first request never races the bootstrap.
 */
@Component
class AdminBootstrap {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final Mono<Void> done;

    AdminBootstrap(StaffUsers users, PasswordEncoder encoder, SecurityProperties properties, Clock clock) {
        this.done = users.findByUsername(ADMIN)
                .hasElement()
                .flatMap(exists -> exists ? Mono.<Void>empty() : createAdmin(users, encoder, properties, clock))
                .cache();
    }

    Mono<Void> done() {
        return done;
    }

    private static Mono<Void> createAdmin(StaffUsers users, PasswordEncoder encoder, SecurityProperties properties,
                                          Clock clock) {
        String configured = properties.admin().password();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? generatePassword() : configured;
        OffsetDateTime now = OffsetDateTime.now(clock);
        StaffUser admin = new StaffUser(ADMIN, encoder.encode(password), Role.ADMIN, Set.of(), now, now);
        return users.insert(admin).doOnSuccess(ignored -> {
            if (generated) {
                // printed once, on the start that creates the admin; set BAIFANG_ADMIN_PASSWORD to choose it instead
                log.warn("\n\n    Created user 'admin' with generated password: {}\n"
                        + "    (set BAIFANG_ADMIN_PASSWORD before the first start to choose it; this is shown only once)\n", password);
            } else {
                log.info("Created user 'admin' with the password from baifang.admin.password");
            }
        });
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
