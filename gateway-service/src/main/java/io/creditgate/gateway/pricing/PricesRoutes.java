package io.creditgate.gateway.pricing;

import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The price API (docs/prices.md); who may call what: {@code io.creditgate.gateway.security.ApiAccess}. Errors are
 * OpenAI's {@code {"error": {"message", "type", "code", "param"}}}.
 */
@Configuration(proxyBeanMethods = false)
class PricesRoutes {

    @Bean
    @RouterOperations({
            @RouterOperation(path = "/api/prices", method = RequestMethod.GET, operation = @Operation(operationId = "prices",
                    summary = "The price table in use, in credits per token (1 credit = 1 micro-USD)",
                    responses = @ApiResponse(responseCode = "200", description = "The prices", content = @Content(
                            mediaType = "application/json", schema = @Schema(implementation = PriceList.class))))),
            @RouterOperation(path = "/api/prices/resolve", method = RequestMethod.GET, operation = @Operation(
                    operationId = "resolvePrice", summary = "What a call of a model would be charged as now",
                    parameters = @Parameter(in = ParameterIn.QUERY, name = "model", required = true,
                            description = "the model as a client names it (aliases, provider prefixes and snapshot dates resolve)"),
                    responses = @ApiResponse(responseCode = "200", description = "The price", content = @Content(
                            mediaType = "application/json", schema = @Schema(implementation = PriceList.Resolved.class))))),
            @RouterOperation(path = "/api/admin/price-changes", method = RequestMethod.GET, operation = @Operation(
                    operationId = "priceChanges", summary = "Every price change, newest first: the price audit log (admin, finance)",
                    parameters = {
                            @Parameter(in = ParameterIn.QUERY, name = "model", description = "only this model's or alias's"),
                            @Parameter(in = ParameterIn.QUERY, name = "page", description = "from 0",
                                    schema = @Schema(type = "integer", format = "int32", minimum = "0")),
                            @Parameter(in = ParameterIn.QUERY, name = "size", description = "changes per page",
                                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                                            maximum = "" + PricesHandler.PAGE_SIZE_MAX,
                                            defaultValue = "" + PricesHandler.PAGE_SIZE_DEFAULT))},
                    responses = @ApiResponse(responseCode = "200", description = "A page of changes", content = @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = PriceChangesApi.ChangePage.class))))),
            @RouterOperation(path = "/api/admin/price-changes", method = RequestMethod.POST, operation = @Operation(
                    operationId = "changePrice", summary = "Set, reset or alias a model's price (admin); applies on every"
                            + " gateway within a second, never to calls already charged",
                    requestBody = @RequestBody(content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = PriceChangesApi.ChangeRequest.class))),
                    responses = @ApiResponse(responseCode = "201", description = "Recorded and applied", content = @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = PriceChangesApi.ChangeView.class)))))})
    RouterFunction<ServerResponse> pricesRoute(PricesHandler handler) {
        return RouterFunctions.route()
                .GET("/api/prices", handler::list)
                .GET("/api/prices/resolve", handler::resolve)
                .GET("/api/admin/price-changes", handler::history)
                .POST("/api/admin/price-changes", handler::change)
                .build();
    }
}
