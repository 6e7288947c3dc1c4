package io.creditgate.gateway.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import io.creditgate.gateway.web.GatewayException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A model without a price: refused, or charged at the default rate and counted. Never free, never silent. */
class PriceTableTest {

    static final ModelPrice DEFAULT = ModelPrice.of(new BigDecimal("5"), null, new BigDecimal("20"));

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void anUnpricedModelIsRefusedWithAMessageThatSaysWhatToDo() {
        PriceTable table = table(PriceSourceProperties.UnpricedModels.REFUSE, null);
        assertThatThrownBy(() -> table.require("mystery"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status().value()).isEqualTo(400);
                    assertThat(e.error().code()).isEqualTo("model_not_found");
                    assertThat(e.error().message()).contains("'mystery' has no price", "GET /v1/models", "Prices page");
                });
        assertThat(meters.get("creditgate.calls.unpriced").tag("model", "mystery").tag("handling", "refuse").counter()
                .count()).isEqualTo(1);
        assertThat(table.chargesUnpricedAtDefaultRate()).isFalse();
    }

    @Test
    void underDefaultRateAnUnpricedModelIsChargedAtItAndCounted() {
        PriceTable table = table(PriceSourceProperties.UnpricedModels.DEFAULT_RATE, DEFAULT);
        PricedModel priced = table.require("mystery");
        assertThat(priced).isEqualTo(new PricedModel("", DEFAULT, PricedModel.DEFAULT_RATE));
        assertThat(priced.atDefaultRate()).isTrue();
        assertThat(priced.price().costCredits(new io.creditgate.gateway.metering.TokenUsage(100, 0, 0, 10, 0, true)))
                .isEqualTo(700);
        assertThat(meters.get("creditgate.calls.unpriced").tag("handling", "default_rate").counter().count()).isEqualTo(1);
        // A priced model keeps its own price.
        assertThat(table.require("known").version()).isEqualTo(PricedModel.CONFIG);
    }

    @Test
    void defaultRateWithoutADefaultPriceStopsTheGatewayWithWhatToSet() {
        assertThatThrownBy(() -> new PriceSourceProperties(null, null, PriceSourceProperties.UnpricedModels.DEFAULT_RATE,
                null)).hasMessageContaining("creditgate.pricing.default-price.input");
        assertThatThrownBy(() -> new PriceSourceProperties(null, java.time.Duration.ZERO, null, null))
                .hasMessageContaining("refresh-interval");
    }

    private PriceTable table(PriceSourceProperties.UnpricedModels handling, ModelPrice defaultPrice) {
        return new PriceTable(new PricingProperties(Map.of("known", ModelPrice.of(BigDecimal.ONE, null, BigDecimal.ONE))),
                new PriceSourceProperties("none", null, handling, defaultPrice), new DefaultResourceLoader(), null, meters);
    }
}
