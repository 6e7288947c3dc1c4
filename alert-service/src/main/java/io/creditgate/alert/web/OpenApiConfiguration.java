package io.creditgate.alert.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the alert API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}) for signed-in
 * people, as the ledger's and the payment service's; the dashboard generates its types from it (decision 57).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";


    @Bean
    OpenAPI alertOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Creditgate alerts").version("v1").description("""
                        In-app notifications, contact preferences and the delivery log. Errors are \
                        {"error": {"code", "message"}}. Every call needs `Authorization: Bearer <access token>` from \
                        the console; a user reaches only the accounts of its token."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("the console's access token (or the bootstrap admin key, creditgate.admin-key)")));
    }

    @Bean
    OpenApiCustomizer everyOperationNeedsAToken() {
        return openApi -> openApi.getPaths().forEach((path, item) ->
                item.readOperations().forEach(operation -> operation.addSecurityItem(new SecurityRequirement().addList(BEARER))));
    }
}
