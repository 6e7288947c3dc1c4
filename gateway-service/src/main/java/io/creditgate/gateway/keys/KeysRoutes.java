package io.creditgate.gateway.keys;

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
 * The key API (docs/gateway.md, "Virtual keys"); who may call what: {@code io.creditgate.gateway.security.ApiAccess}.
 * The {@link RouterOperations} describe the routes in the OpenAPI document ({@code /v3/api-docs}), with the JSON of
 * {@link KeysApi}; errors are OpenAI's {@code {"error": {"message", "type", "code", "param"}}}.
 */
@Configuration(proxyBeanMethods = false)
class KeysRoutes {

    @Bean
    @RouterOperations({
            @RouterOperation(path = "/api/keys/audit", method = RequestMethod.GET, operation = @Operation(
                    operationId = "keyAudit", summary = "Who created and revoked which key, newest first (admin, finance)",
                    parameters = {
                            @Parameter(in = ParameterIn.QUERY, name = "page", description = "from 0",
                                    schema = @Schema(type = "integer", format = "int32", minimum = "0")),
                            @Parameter(in = ParameterIn.QUERY, name = "size", description = "entries per page",
                                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                                            maximum = "" + KeysHandler.AUDIT_PAGE_SIZE_MAX,
                                            defaultValue = "" + KeysHandler.AUDIT_PAGE_SIZE_DEFAULT))},
                    responses = @ApiResponse(responseCode = "200", description = "A page of the audit log",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = KeysApi.KeyAuditPage.class))))),
            @RouterOperation(path = "/api/keys", method = RequestMethod.POST, operation = @Operation(
                    operationId = "createKey", summary = "Create a virtual key for an account; the key is shown once",
                    requestBody = @RequestBody(content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = KeysApi.KeyCreation.class))),
                    responses = @ApiResponse(responseCode = "201", description = "Created",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = KeysApi.CreatedKeyView.class))))),
            @RouterOperation(path = "/api/keys", method = RequestMethod.GET, operation = @Operation(
                    operationId = "listKeys", summary = "An account's keys, revoked ones included",
                    parameters = @Parameter(in = ParameterIn.QUERY, name = "userId",
                            description = "the account; omitted: the caller's only account"),
                    responses = @ApiResponse(responseCode = "200", description = "The keys",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = KeysApi.KeyList.class))))),
            @RouterOperation(path = "/api/keys/{id}", method = RequestMethod.DELETE, operation = @Operation(
                    operationId = "revokeKey", summary = "Revoke a key; calls with it are refused from then on",
                    parameters = @Parameter(in = ParameterIn.PATH, name = "id", required = true),
                    responses = @ApiResponse(responseCode = "200", description = "The key, revoked",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = KeysApi.KeyView.class)))))})
    RouterFunction<ServerResponse> keysRoute(KeysHandler handler) {
        return RouterFunctions.route()
                .GET("/api/keys/audit", handler::audit)
                .POST("/api/keys", handler::create)
                .GET("/api/keys", handler::list)
                .DELETE("/api/keys/{id}", handler::revoke)
                .build();
    }
}
