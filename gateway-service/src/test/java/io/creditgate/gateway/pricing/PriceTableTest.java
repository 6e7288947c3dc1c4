package io.creditgate.gateway.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.creditgate.gateway.database.GatewayDatabase;

import io.creditgate.gateway.web.GatewayException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A model without a price: refused, or charged at the default rate and counted. Never free, never silent. */
@ExtendWith(OutputCaptureExtension.class)
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

    @Test
    void changesFromTheStoreAreAppliedOnRefreshAndARecordedChangeAtOnce() {
        FakeStore store = new FakeStore();
        PriceTable table = new PriceTable(new PricingProperties(Map.of("known", ModelPrice.of(BigDecimal.ONE, null,
                BigDecimal.ONE))), new PriceSourceProperties("none", null, null, null), new DefaultResourceLoader(), store,
                meters);
        assertThat(table.changesLoaded()).isFalse();
        assertThat(meters.get("creditgate.prices.changes.loaded").gauge().value()).isZero();
        table.refresh();
        assertThat(table.changesLoaded()).isTrue();
        assertThat(meters.get("creditgate.prices.changes.loaded").gauge().value()).isEqualTo(1);
        assertThat(table.lastChangeId()).isZero();

        Instant now = Instant.now();
        store.changes.add(new PriceChange(7, PriceChange.Action.SET, "other", DEFAULT, null, now, "ana", "r", now));
        table.refresh();
        assertThat(table.lastChangeId()).isEqualTo(7);
        assertThat(meters.get("creditgate.prices.last.change").gauge().value()).isEqualTo(7);
        assertThat(table.find("other").orElseThrow().version()).isEqualTo("change-7");
        assertThat(table.all()).containsOnlyKeys("known", "other");
        assertThat(table.chosen()).containsOnlyKeys("known", "other");

        PriceChange recorded = table.record(new PriceChange(0, PriceChange.Action.ALIAS, "team", null, "other", now, "ana",
                "r", now));
        assertThat(recorded.id()).isEqualTo(8);
        assertThat(table.aliases()).containsExactly(Map.entry("team", "other"));
        assertThat(table.aliasTarget("team", now)).contains("other");
        assertThat(table.findAt("team", now).orElseThrow().pricedAs()).isEqualTo("other");
        assertThat(table.store()).isSameAs(store);
        assertThat(table.catalogueVersion()).isEqualTo("none");
    }

    @Test
    void theDefaultRateIsLoggedOncePerModelNotPerCall(org.springframework.boot.test.system.CapturedOutput output) {
        PriceTable table = table(PriceSourceProperties.UnpricedModels.DEFAULT_RATE, DEFAULT);
        table.require("loud-model");
        table.require("loud-model");
        table.require("other-loud-model");
        assertThat(output.getOut().split("Model 'loud-model' has no price", -1)).hasSize(2);
        assertThat(output.getOut()).contains("Model 'other-loud-model' has no price");
    }

    /** The store as another gateway's changes would fill it; no database. */
    static final class FakeStore extends PriceStore {

        final List<PriceChange> changes = new ArrayList<>();

        FakeStore() {
            super(new GatewayDatabase(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none")));
        }

        @Override
        List<PriceChange> since(long id) {
            return changes.stream().filter(change -> change.id() > id).toList();
        }

        @Override
        PriceChange insert(PriceChange change) {
            PriceChange recorded = new PriceChange(changes.size() + 7, change.action(), change.model(), change.price(),
                    change.aliasOf(), change.effectiveAt(), change.actor(), change.reason(), change.recordedAt());
            changes.add(recorded);
            return recorded;
        }
    }
}
