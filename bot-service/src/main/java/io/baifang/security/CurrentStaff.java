package io.baifang.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The signed-in staff member of the current request. */
@Component
public class CurrentStaff {

    public Mono<StaffMember> get() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .ofType(SignedInStaff.class)
                .map(SignedInStaff::member)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no signed-in staff member")));
    }
}
