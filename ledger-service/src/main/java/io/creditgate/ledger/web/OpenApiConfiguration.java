package io.creditgate.ledger.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the ledger's REST API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}), made
 * by springdoc from the controllers. Every operation is marked as needing a bearer token: the console's access token
 * (or, while it is enabled, the bootstrap admin key).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Creditgate ledger").version("v1").description("""
                        Credit accounts, plans and usage. Money is in credits (1 credit = 1 micro-USD). Errors are \
                        {"error": {"code", "message"}}. Every call needs `Authorization: Bearer <access token>` from the \
                        console (roles user, admin, finance; a user reaches only the accounts of its token); the \
                        audit log records the token's email as the actor. 401 without a valid token, 403 when the \
                        role or account does not fit."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("the console's access token (or the bootstrap admin key, creditgate.admin-key)")));
    }

    @Bean
    OpenApiCustomizer everyOperationNeedsAToken() {
        return openApi -> openApi.getPaths().forEach((path, item) ->
                item.readOperations().forEach(operation -> operation.addSecurityItem(
                        new io.swagger.v3.oas.models.security.SecurityRequirement().addList(BEARER))));
    }
}
