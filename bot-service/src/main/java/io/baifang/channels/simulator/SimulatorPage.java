package io.baifang.channels.simulator;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The simulator's page ({@code static/simulator/index.html}) at {@code /simulator}. In production the page is
 * hidden like the API it calls: the static files ship in every build, so a filter answers 404 for them.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorPage {

    @Bean
    @Profile("!prod")
    RouterFunction<ServerResponse> simulatorPageAddress() {
        return RouterFunctions.route(GET("/simulator").or(GET("/simulator/")),
                request -> ServerResponse.temporaryRedirect(URI.create("/simulator/index.html")).build());
    }

    @Bean
    @Profile("prod")
    WebFilter noSimulatorPageInProduction() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            if (path.equals("/simulator") || path.startsWith("/simulator/")) {
                exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                return exchange.getResponse().setComplete();
            }
            return chain.filter(exchange);
        };
    }
}
