package io.creditgate.gateway.pricing;

import org.springdoc.core.annotations.RouterOperation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code GET /api/prices}: the price table in use. Open to anyone who reaches the gateway: prices are not
 * secret, and dashboards and LibreChat admins need them without holding the service key.
 */
@Configuration(proxyBeanMethods = false)
class PricesRoutes {

    static final String UNIT = "credits per token; 1 credit = 1 micro-USD, so each number equals USD per million tokens";

    @Bean
    @RouterOperation(path = "/api/prices", method = RequestMethod.GET, operation = @Operation(operationId = "prices",
            summary = "The price table in use, in credits per token (1 credit = 1 micro-USD)",
            responses = @ApiResponse(responseCode = "200", description = "The prices", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PriceList.class)))))
    RouterFunction<ServerResponse> pricesRoute(PriceTable table) {
        PriceList body = new PriceList(UNIT, table.all());
        return RouterFunctions.route().GET("/api/prices", request -> ServerResponse.ok().bodyValue(body)).build();
    }
}
