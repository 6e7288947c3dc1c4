package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.schemas.event.UsageRecorded;

/**
 * {@code creditgate.pricing.unpriced-models=default-rate} on a gateway of its own (no catalogue, one configured
 * price): a model without a price is served and charged at the default rate, marked so in its event — never free.
 */
class UnpricedModelDefaultRateTest extends GatewayTestBase {

    @DynamicPropertySource
    static void defaultRate(DynamicPropertyRegistry registry) {
        registry.add("creditgate.pricing.catalogue", () -> "none");
        registry.add("creditgate.pricing.unpriced-models", () -> "default-rate");
        registry.add("creditgate.pricing.default-price.input", () -> "5");
        registry.add("creditgate.pricing.default-price.output", () -> "20");
        registry.add("creditgate.prices.gpt-4o.input", () -> "2.50");
        registry.add("creditgate.prices.gpt-4o.output", () -> "10");
    }

    @Test
    void aModelWithoutAPriceIsServedAndChargedAtTheDefaultRate() {
        String user = newUser();
        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "no price here"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getPriceVersion()).isEqualTo("default");
        assertThat(event.getPricedModel()).isEmpty();
        assertThat(event.getCostCredits()).isEqualTo(event.getPromptTokens() * 5 + event.getCompletionTokens() * 20)
                .isPositive();
    }

    @Test
    void aPricedModelKeepsItsPrice() {
        String user = newUser();
        assertThat(post(user, chatBody("gpt-4o", "priced")).statusCode()).isEqualTo(200);
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getPriceVersion()).isEqualTo("config");
        assertThat(event.getPricedModel()).isEqualTo("gpt-4o");
    }
}
