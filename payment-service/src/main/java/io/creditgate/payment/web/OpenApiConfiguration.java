package io.creditgate.payment.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the payment API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}), for
 * signed-in people as the ledger's. Every operation needs a bearer token except Stripe's webhook, which is signed.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String WEBHOOK = "/api/payments/stripe/webhook";


    @Bean
    OpenAPI paymentOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Creditgate payments").version("v1").description("""
                        Credit packs, Stripe Checkout, refunds, disputes and manual purchases. Credits: 1 credit = \
                        1 micro-USD; money in the currency's minor unit (`…Minor`). Errors are \
                        {"error": {"code", "message"}}. Every call needs `Authorization: Bearer <access token>` from \
                        the console, except the Stripe webhook, whose `Stripe-Signature` is its authentication."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("the console's access token (or the bootstrap admin key, creditgate.admin-key)")));
    }

    @Bean
    OpenApiCustomizer everyOperationButTheWebhookNeedsAToken() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (!WEBHOOK.equals(path)) {
                item.readOperations().forEach(operation -> operation.addSecurityItem(
                        new SecurityRequirement().addList(BEARER)));
            }
        });
    }
}
