package io.creditgate.console.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the console's own APIs (people, API tokens, the access audit, signing keys, {@code /api/me});
 * the dashboard generates its types from it (decision 57). The services' APIs, relayed here, have their own documents.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String SESSION = "session";
    static final String API_TOKEN = "apiToken";

    @Bean
    OpenAPI consoleOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Creditgate console").version("v1").description("""
                        The console's own APIs. A browser calls them with its session cookie (and the XSRF-TOKEN \
                        cookie's value as X-XSRF-TOKEN on writes); a script with an API token \
                        (`Authorization: Bearer cgt_…`). Errors are {"error": {"code", "message"}}."""))
                .components(new Components()
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("CREDITGATE_SESSION").description("the browser's session"))
                        .addSecuritySchemes(API_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("an API token created by an admin (cgt_…)")));
    }

    @Bean
    OpenApiCustomizer everyOperationNeedsASignedInCaller() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> operation
                .addSecurityItem(new SecurityRequirement().addList(SESSION))
                .addSecurityItem(new SecurityRequirement().addList(API_TOKEN))));
    }
}
