package io.creditgate.gateway.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.creditgate.gateway.metering.TokenUsage;

/**
 * What one model costs, in credits per token (1 credit = 1 micro-USD, so these numbers equal the
 * provider's USD price per million tokens).
 *
 * @param input credits per uncached input token
 * @param cachedInput credits per input token read from the provider's prompt cache; the input price when not set
 * @param cacheWrite credits per input token written to the prompt cache (Anthropic bills these at 1.25 x input
 *     for its 5-minute cache); the input price when not set, since a cache write is an input token read anyway
 * @param output credits per output token
 * @param reasoning credits per hidden reasoning token; the output price when not set (OpenAI and Anthropic bill
 *     reasoning as output)
 * @param maxOutputTokens the most output tokens a call of this model may produce, used to reserve
 *     credits when the client names no limit; null means the admission default
 * @param contextWindow the most tokens the model reads in one call (prompt and output share it), which bounds the
 *     output a call can still produce; null when unknown
 * @param longContext the dearer rates of a call whose prompt is longer than a threshold (Anthropic's and Google's
 *     long-context pricing, GPT-5's above 272k); null when the model has none
 */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output,
                         BigDecimal reasoning, Long maxOutputTokens, Long contextWindow, LongContext longContext) {

    /**
     * Rates for a call whose prompt (cached tokens included) is longer than {@code aboveTokens}: the provider then
     * bills the whole call, output included, at these. A rate not given keeps the model's normal one.
     */
    public record LongContext(long aboveTokens, BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite,
                              BigDecimal output, BigDecimal reasoning) {

        public LongContext {
            if (aboveTokens < 1) {
                throw new IllegalArgumentException("long-context above-tokens must be at least 1");
            }
            requireNonNegative("long-context input", input);
        }
    }

    public ModelPrice {
        requireNonNegative("input", input);
        cachedInput = cachedInput != null ? cachedInput : input;
        requireNonNegative("cached-input", cachedInput);
        cacheWrite = cacheWrite != null ? cacheWrite : input;
        requireNonNegative("cache-write", cacheWrite);
        requireNonNegative("output", output);
        reasoning = reasoning != null ? reasoning : output;
        requireNonNegative("reasoning", reasoning);
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw new IllegalArgumentException("max-output-tokens must be at least 1");
        }
        if (contextWindow != null && contextWindow < 1) {
            throw new IllegalArgumentException("context-window must be at least 1");
        }
    }

    /** The rates a call with {@code promptTokens} of prompt is billed at: the long-context ones above the threshold. */
    public ModelPrice forPrompt(long promptTokens) {
        if (longContext == null || promptTokens <= longContext.aboveTokens()) {
            return this;
        }
        BigDecimal longOutput = longContext.output() != null ? longContext.output() : output;
        return new ModelPrice(longContext.input(),
                longContext.cachedInput() != null ? longContext.cachedInput() : cachedInput,
                longContext.cacheWrite() != null ? longContext.cacheWrite() : cacheWrite, longOutput,
                longContext.reasoning() != null ? longContext.reasoning() : longOutput.max(reasoning),
                maxOutputTokens, contextWindow, null);
    }

    /** A price with only the three common rates; the others default. */
    public static ModelPrice of(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
        return new ModelPrice(input, cachedInput, null, output, null, null, null, null);
    }

    /**
     * The price of a call, computed once and rounded up once: uncached input x input + cache reads x
     * cached-input + cache writes x cache-write + visible output x output + reasoning x reasoning.
     */
    public long costCredits(TokenUsage usage) {
        if (longContext != null && usage.promptTokens() > longContext.aboveTokens()) {
            return forPrompt(usage.promptTokens()).costCredits(usage);
        }
        BigDecimal cost = input.multiply(BigDecimal.valueOf(usage.uncachedPromptTokens()))
                .add(cachedInput.multiply(BigDecimal.valueOf(usage.cachedPromptTokens())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(output.multiply(BigDecimal.valueOf(usage.visibleCompletionTokens())))
                .add(reasoning.multiply(BigDecimal.valueOf(usage.reasoningTokens())));
        return cost.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * Upper bound of what {@code tokens} prompt tokens cost: all priced at the dearest input rate, since
     * before the call nobody knows which will be cache reads or writes.
     */
    public long promptCostCredits(long tokens) {
        return input.max(cacheWrite).multiply(BigDecimal.valueOf(tokens)).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** Upper bound of what {@code tokens} output tokens cost (all priced at the dearer of output and reasoning). */
    public long outputCostCredits(long tokens) {
        return outputCeiling().multiply(BigDecimal.valueOf(tokens)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** How many output tokens {@code credits} pay for at the dearer output rate; unbounded when output is free. */
    public long outputTokensAffordable(long credits) {
        if (credits <= 0) {
            return 0;
        }
        if (outputCeiling().signum() == 0) {
            return Long.MAX_VALUE;
        }
        return BigDecimal.valueOf(credits).divide(outputCeiling(), 0, RoundingMode.FLOOR).longValue();
    }

    private BigDecimal outputCeiling() {
        return output.max(reasoning);
    }

    /** The decimal without trailing zeros and never in exponent form ({@code 10}, not {@code 1E+1}). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException("price '" + name + "' must be set and not negative");
        }
    }
}
