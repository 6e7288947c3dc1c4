package io.creditgate.gateway.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document of the gateway's key and price APIs ({@code /v3/api-docs}, for signed-in callers, as the
 * other services'); the dashboard generates its types from it (decision 57). The chat API ({@code /v1/**}) is
 * OpenAI's and Anthropic's, documented by them: springdoc.paths-to-match keeps it out. springdoc serves the document
 * from an annotated controller and adds no web filter, so a chat call does not pass through it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Creditgate gateway").version("v1").description("""
                        Virtual keys and the price table. Credits: 1 credit = 1 micro-USD. Errors are OpenAI's \
                        {"error": {"message", "type", "code", "param"}}. Every call needs `Authorization: Bearer \
                        <access token>` from the console; a user reaches only the keys of their token's accounts."""))
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
