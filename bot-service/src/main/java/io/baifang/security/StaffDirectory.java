package io.baifang.security;

import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks staff up for sign-in, once the bootstrap admin is in place. */
@Component
class StaffDirectory implements ReactiveUserDetailsService {

    private final StaffUsers users;
    private final AdminBootstrap bootstrap;

    StaffDirectory(StaffUsers users, AdminBootstrap bootstrap) {
        this.users = users;
        this.bootstrap = bootstrap;
    }

    @Override
    public Mono<UserDetails> findByUsername(String username) {
        return bootstrap.done()
                .then(users.findByUsername(username))
                .map(user -> new SignedInStaff(user.member(), user.passwordHash()));
    }
}
