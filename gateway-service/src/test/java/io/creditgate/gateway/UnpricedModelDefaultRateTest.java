package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalRedis;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * {@code creditgate.pricing.unpriced-models=default-rate} on a gateway of its own (no catalogue, one configured
 * price): a model without a price is served and charged at the default rate, marked so in its event — never free.
 */
class UnpricedModelDefaultRateTest extends OutageTestSupport {

    static final DemoUpstream DEMO = DemoUpstream.start();
    static final UsageEventsProbe EVENTS = new UsageEventsProbe(LocalKafka.shared().bootstrapServers());

    @DynamicPropertySource
    static void defaultRate(DynamicPropertyRegistry registry) {
        gatewayProperties(registry, DEMO.baseUrl(), LocalRedis.shared().url(), LocalKafka.shared().bootstrapServers(),
                temporaryDirectory("default-rate-spool"));
        registry.add("creditgate.pricing.catalogue", () -> "none");
        registry.add("creditgate.pricing.unpriced-models", () -> "default-rate");
        registry.add("creditgate.pricing.default-price.input", () -> "5");
        registry.add("creditgate.pricing.default-price.output", () -> "20");
        registry.add("creditgate.prices.gpt-4o.input", () -> "2.50");
        registry.add("creditgate.prices.gpt-4o.output", () -> "10");
    }

    @AfterAll
    static void stopUpstream() {
        DEMO.close();
    }

    @Test
    void aModelWithoutAPriceIsServedAndChargedAtTheDefaultRate() {
        String user = newUser();
        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "no price here"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UsageRecorded event = awaitEvents(EVENTS, user, 1).get(0);
        assertThat(event.getPriceVersion()).isEqualTo("default");
        assertThat(event.getPricedModel()).isEmpty();
        assertThat(event.getCostCredits()).isEqualTo(event.getPromptTokens() * 5 + event.getCompletionTokens() * 20)
                .isPositive();
    }

    @Test
    void aPricedModelKeepsItsPrice() {
        String user = newUser();
        assertThat(post(user, chatBody("gpt-4o", "priced")).statusCode()).isEqualTo(200);
        UsageRecorded event = awaitEvents(EVENTS, user, 1).get(0);
        assertThat(event.getPriceVersion()).isEqualTo("config");
        assertThat(event.getPricedModel()).isEqualTo("gpt-4o");
    }

    static String chatBody(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }
}
