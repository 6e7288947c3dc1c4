package io.creditgate.gateway.pricing;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/prices}: the price table in use. Open to anyone who reaches the gateway: prices are not
 * secret, and dashboards and LibreChat admins need them without holding the service key.
 */
@Configuration(proxyBeanMethods = false)
class PricesRoutes {

    static final String UNIT = "credits per token; 1 credit = 1 micro-USD, so each number equals USD per million tokens";

    @Bean
    RouterFunction<ServerResponse> pricesRoute(PriceTable table) {
        Map<String, Object> body = Map.of("unit", UNIT, "models", table.all());
        return RouterFunctions.route().GET("/api/prices", request -> ServerResponse.ok().bodyValue(body)).build();
    }
}
