package io.creditgate.gateway.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.creditgate.gateway.metering.TokenUsage;

/**
 * What one model costs, in credits per token (1 credit = 1 micro-USD, so these numbers equal the
 * provider's USD price per million tokens).
 *
 * @param input credits per uncached input token
 * @param cachedInput credits per cached input token; the input price when not set
 * @param output credits per output token (reasoning tokens included)
 * @param maxOutputTokens the most output tokens a call of this model may produce, used to reserve
 *     credits when the client names no limit; null means the admission default
 */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output, Long maxOutputTokens) {

    public ModelPrice {
        requireNonNegative("input", input);
        cachedInput = cachedInput != null ? cachedInput : input;
        requireNonNegative("cached-input", cachedInput);
        requireNonNegative("output", output);
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw new IllegalArgumentException("max-output-tokens must be at least 1");
        }
    }

    /** The price of a call: ceil(uncached × input + cached × cached-input + output × output), computed once. */
    public long costCredits(TokenUsage usage) {
        BigDecimal cost = input.multiply(BigDecimal.valueOf(usage.uncachedPromptTokens()))
                .add(cachedInput.multiply(BigDecimal.valueOf(usage.cachedPromptTokens())))
                .add(output.multiply(BigDecimal.valueOf(usage.completionTokens())));
        return cost.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Upper bound of what {@code tokens} prompt tokens cost (all priced as uncached). */
    public long promptCostCredits(long tokens) {
        return input.multiply(BigDecimal.valueOf(tokens)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public long outputCostCredits(long tokens) {
        return output.multiply(BigDecimal.valueOf(tokens)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** How many output tokens {@code credits} pay for; unbounded when output is free. */
    public long outputTokensAffordable(long credits) {
        if (credits <= 0) {
            return 0;
        }
        if (output.signum() == 0) {
            return Long.MAX_VALUE;
        }
        return BigDecimal.valueOf(credits).divide(output, 0, RoundingMode.FLOOR).longValue();
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException("price '" + name + "' must be set and not negative");
        }
    }
}
