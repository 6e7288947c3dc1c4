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
 * by springdoc from the controllers. Every {@code /api/admin/**} operation is marked as needing the admin key.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ADMIN_KEY = "adminKey";

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Creditgate ledger").version("v1").description("""
                        Credit accounts, plans and usage. Money is in credits (1 credit = 1 micro-USD). Errors are \
                        {"error": {"code", "message"}}. Admin operations need `Authorization: Bearer <admin key>` \
                        and take an optional `X-Creditgate-Actor` header recorded in the audit log."""))
                .components(new Components().addSecuritySchemes(ADMIN_KEY, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("creditgate.admin-key")));
    }

    @Bean
    OpenApiCustomizer adminOperationsNeedTheKey() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/admin/")) {
                item.readOperations().forEach(operation -> operation.addSecurityItem(
                        new io.swagger.v3.oas.models.security.SecurityRequirement().addList(ADMIN_KEY)));
            }
        });
    }
}
