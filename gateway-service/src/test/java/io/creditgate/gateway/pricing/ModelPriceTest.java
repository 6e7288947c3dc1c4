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
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price 'input'");
        assertThatThrownBy(() -> ModelPrice.of(BigDecimal.ONE, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, null, new BigDecimal("-2"), BigDecimal.ONE, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache-write");
    }

    @Test
    void everyRateAndLimitIsChecked() {
        BigDecimal minus = new BigDecimal("-0.01");
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, minus, null, BigDecimal.ONE, null, null, null, null))
                .hasMessageContaining("cached-input");
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, null, null, BigDecimal.ONE, minus, null, null, null))
                .hasMessageContaining("reasoning");
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, null, null, BigDecimal.ONE, null, 0L, null, null))
                .hasMessageContaining("max-output-tokens");
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, null, null, BigDecimal.ONE, null, null, 0L, null))
                .hasMessageContaining("context-window");
        assertThat(new ModelPrice(BigDecimal.ONE, null, null, BigDecimal.ONE, null, 1L, 1L, null).contextWindow()).isEqualTo(1);
        assertThatThrownBy(() -> new ModelPrice.LongContext(0, BigDecimal.ONE, null, null, null, null))
                .hasMessageContaining("above-tokens");
        assertThatThrownBy(() -> new ModelPrice.LongContext(1, minus, null, null, null, null))
                .hasMessageContaining("long-context input");
        assertThat(new ModelPrice.LongContext(1, BigDecimal.ZERO, null, null, null, null).aboveTokens()).isEqualTo(1);
    }

    @Test
    void aLongContextTierAppliesAboveItsThresholdOnlyAndKeepsWhatItDoesNotName() {
        ModelPrice tiered = new ModelPrice(new BigDecimal("1"), new BigDecimal("0.1"), new BigDecimal("1.25"),
                new BigDecimal("5"), null, 1000L, 200_000L,
                new ModelPrice.LongContext(100, new BigDecimal("2"), null, null, null, null));
        assertThat(tiered.forPrompt(100)).isSameAs(tiered);
        ModelPrice longPrompt = tiered.forPrompt(101);
        assertThat(longPrompt.input()).isEqualByComparingTo("2");
        assertThat(longPrompt.cachedInput()).isEqualByComparingTo("0.1");
        assertThat(longPrompt.cacheWrite()).isEqualByComparingTo("1.25");
        assertThat(longPrompt.output()).isEqualByComparingTo("5");
        assertThat(longPrompt.reasoning()).isEqualByComparingTo("5");
        assertThat(longPrompt.maxOutputTokens()).isEqualTo(1000);
        assertThat(longPrompt.contextWindow()).isEqualTo(200_000);
        ModelPrice reasoningTier = new ModelPrice(BigDecimal.ONE, null, null, BigDecimal.ONE, null, null, null,
                new ModelPrice.LongContext(10, BigDecimal.TEN, null, null, new BigDecimal("3"), new BigDecimal("7")))
                .forPrompt(11);
        assertThat(reasoningTier.output()).isEqualByComparingTo("3");
        assertThat(reasoningTier.reasoning()).isEqualByComparingTo("7");
        assertThat(ModelPrice.of(BigDecimal.ONE, null, BigDecimal.ONE).forPrompt(Long.MAX_VALUE).input()).isEqualByComparingTo("1");
    }

    @Test
    void affordableOutputIsZeroWithoutCreditsAndUnboundedWhenOutputIsFree() {
        ModelPrice price = ModelPrice.of(BigDecimal.ONE, null, new BigDecimal("2"));
        assertThat(price.outputTokensAffordable(0)).isZero();
        assertThat(price.outputTokensAffordable(1)).isZero();
        assertThat(price.outputTokensAffordable(2)).isEqualTo(1);
        assertThat(ModelPrice.of(BigDecimal.ONE, null, BigDecimal.ZERO).outputTokensAffordable(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(ModelPrice.of(BigDecimal.ONE, null, BigDecimal.ZERO).outputTokensAffordable(0)).isZero();
    }

    @Test
    void aPlainDecimalHasNoTrailingZerosAndNoExponent() {
        assertThat(ModelPrice.plain(new BigDecimal("10.00")).toString()).isEqualTo("10");
        assertThat(ModelPrice.plain(new BigDecimal("1E+1")).toString()).isEqualTo("10");
        assertThat(ModelPrice.plain(new BigDecimal("0.0750")).toString()).isEqualTo("0.075");
        assertThat(ModelPrice.plain(new BigDecimal("0.000")).toString()).isEqualTo("0");
    }
}
