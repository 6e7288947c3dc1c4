package io.creditgate.gateway.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.creditgate.gateway.metering.TokenUsage;

class ModelPriceTest {

    private final ModelPrice gpt4oMini = ModelPrice.of(new BigDecimal("0.15"), new BigDecimal("0.075"),
            new BigDecimal("0.60"));
    private final ModelPrice claudeSonnet = new ModelPrice(new BigDecimal("3.00"), new BigDecimal("0.30"),
            new BigDecimal("3.75"), new BigDecimal("15.00"), null, null, null, null);

    @Test
    void costIsTheCeilingOfTheExactSumComputedOnce() {
        // 1000 uncached x 0.15 = 150; 200 cached x 0.075 = 15; 333 x 0.60 = 199.8 -> 364.8 -> 365
        TokenUsage usage = TokenUsage.reported(1200, 200, 333, 100);

        assertThat(gpt4oMini.costCredits(usage)).isEqualTo(365);
    }

    @Test
    void roundsUpOnlyOnceForTheWholeCall() {
        // Each part alone would round up (0.15 -> 1, 0.6 -> 1 = 2); the sum 0.75 rounds to 1.
        assertThat(gpt4oMini.costCredits(TokenUsage.reported(1, 0, 1, 0))).isEqualTo(1);
    }

    @Test
    void pricesCacheReadsAndWritesEachAtTheirOwnRate() {
        // 100 uncached x 3 = 300; 1000 read x 0.30 = 300; 200 written x 3.75 = 750; 50 x 15 = 750 -> 2100
        TokenUsage usage = new TokenUsage(1300, 1000, 200, 50, 0, true);

        assertThat(claudeSonnet.costCredits(usage)).isEqualTo(2100);
    }

    @Test
    void pricesReasoningAtItsOwnRateWhenOneIsSet() {
        ModelPrice thinking = new ModelPrice(BigDecimal.ONE, null, null, new BigDecimal("2"), new BigDecimal("5"), null, null, null);

        // 10 x 1 + (30 - 20) x 2 + 20 x 5 = 130
        assertThat(thinking.costCredits(TokenUsage.reported(10, 0, 30, 20))).isEqualTo(130);
        // Reserving prices every output token at the dearer of the two rates.
        assertThat(thinking.outputCostCredits(10)).isEqualTo(50);
        assertThat(thinking.outputTokensAffordable(50)).isEqualTo(10);
    }

    @Test
    void reservesThePromptAtTheDearestInputRate() {
        assertThat(claudeSonnet.promptCostCredits(100)).isEqualTo(375);
        assertThat(gpt4oMini.promptCostCredits(100)).isEqualTo(15);
    }

    @Test
    void nothingConsumedCostsNothing() {
        assertThat(gpt4oMini.costCredits(TokenUsage.none())).isZero();
    }

    @Test
    void optionalRatesDefaultSensibly() {
        ModelPrice price = ModelPrice.of(new BigDecimal("2"), null, new BigDecimal("4"));

        assertThat(price.cachedInput()).isEqualByComparingTo("2");
        assertThat(price.cacheWrite()).isEqualByComparingTo("2");
        assertThat(price.reasoning()).isEqualByComparingTo("4");
        assertThat(price.costCredits(TokenUsage.reported(10, 10, 0, 0))).isEqualTo(20);
    }

    @Test
    void affordableOutputTokensRoundDown() {
        assertThat(gpt4oMini.outputTokensAffordable(6)).isEqualTo(10);
        assertThat(gpt4oMini.outputTokensAffordable(5)).isEqualTo(8);
        assertThat(gpt4oMini.outputTokensAffordable(0)).isZero();
        assertThat(gpt4oMini.outputTokensAffordable(-3)).isZero();
    }

    @Test
    void refusesNegativeOrMissingPrices() {
        assertThatThrownBy(() -> ModelPrice.of(new BigDecimal("-1"), null, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input");
        assertThatThrownBy(() -> ModelPrice.of(BigDecimal.ONE, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, null, new BigDecimal("-2"), BigDecimal.ONE, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache-write");
    }
}
