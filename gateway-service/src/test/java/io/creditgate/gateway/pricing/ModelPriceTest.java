package io.creditgate.gateway.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.creditgate.gateway.metering.TokenUsage;

class ModelPriceTest {

    private final ModelPrice gpt4oMini = new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.075"),
            new BigDecimal("0.60"), null);

    @Test
    void costIsTheCeilingOfTheExactSumComputedOnce() {
        // 1000 uncached x 0.15 = 150; 200 cached x 0.075 = 15; 333 x 0.60 = 199.8 -> 364.8 -> 365
        TokenUsage usage = new TokenUsage(1200, 200, 333, 100, true);

        assertThat(gpt4oMini.costCredits(usage)).isEqualTo(365);
    }

    @Test
    void roundsUpOnlyOnceForTheWholeCall() {
        // Each part alone would round up (0.15 -> 1, 0.6 -> 1 = 2); the sum 0.75 rounds to 1.
        assertThat(gpt4oMini.costCredits(new TokenUsage(1, 0, 1, 0, true))).isEqualTo(1);
    }

    @Test
    void nothingConsumedCostsNothing() {
        assertThat(gpt4oMini.costCredits(TokenUsage.none())).isZero();
    }

    @Test
    void cachedInputDefaultsToTheInputPrice() {
        ModelPrice price = new ModelPrice(new BigDecimal("2"), null, new BigDecimal("4"), null);

        assertThat(price.cachedInput()).isEqualByComparingTo("2");
        assertThat(price.costCredits(new TokenUsage(10, 10, 0, 0, true))).isEqualTo(20);
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
        assertThatThrownBy(() -> new ModelPrice(new BigDecimal("-1"), null, BigDecimal.ONE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input");
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
    }
}
