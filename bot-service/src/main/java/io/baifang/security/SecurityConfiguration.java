package io.baifang.security;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RememberedSignIns authenticationManager(StaffDirectory directory, PasswordEncoder encoder) {
        UserDetailsRepositoryReactiveAuthenticationManager checkPassword =
                new UserDetailsRepositoryReactiveAuthenticationManager(directory);
        checkPassword.setPasswordEncoder(encoder);
        return new RememberedSignIns(checkPassword);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveAuthenticationManager signIn,
                                                  JsonMapper json) {
        ServerAuthenticationEntryPoint apiEntryPoint = (exchange, denied) ->
                writeProblem(exchange, json, HttpStatus.UNAUTHORIZED, "sign in: send HTTP Basic credentials");
        ServerAccessDeniedHandler forbidden = (exchange, denied) ->
                writeProblem(exchange, json, HttpStatus.FORBIDDEN, "your role may not do this");
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(new OrServerWebExchangeMatcher(
                        new PathPatternParserServerWebExchangeMatcher("/api/**"),
                        new PathPatternParserServerWebExchangeMatcher("/actuator/**")), apiEntryPoint));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/login"));

        return http
                // the API is called with HTTP Basic by scripts and tools; webhooks are verified by signature
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authenticationManager(signIn)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/webjars/**").permitAll()
                        .pathMatchers("/webhooks/**", "/login", "/logout").permitAll()
                        // a customer's web chat: the token in the address is the credential (channels.webchat)
                        .pathMatchers("/chat/**").permitAll()
                        .pathMatchers("/api/users", "/api/users/**").hasRole(Role.ADMIN.name())
                        .pathMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyExchange().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint))
                .formLogin(form -> form.authenticationManager(signIn))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void createTheBootstrapAdminAtStartUp(ApplicationReadyEvent event) {
        // started here so a generated password is printed at start-up, not at the first sign-in
        event.getApplicationContext().getBean(AdminBootstrap.class).done().subscribe();
    }

    private static Mono<Void> writeProblem(ServerWebExchange exchange, JsonMapper json, HttpStatus status,
                                           String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"baifang\"");
        }
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
