package io.creditgate.gateway.metering;

/**
 * Tokens of one call.
 *
 * @param promptTokens all input tokens, cached ones included
 * @param cachedPromptTokens the part of {@code promptTokens} served from the provider's prompt cache
 * @param completionTokens all output tokens, reasoning ones included
 * @param reasoningTokens the part of {@code completionTokens} spent on hidden reasoning
 * @param exact true when the upstream reported these numbers, false when the gateway counted them
 */
public record TokenUsage(long promptTokens, long cachedPromptTokens, long completionTokens, long reasoningTokens,
                         boolean exact) {

    public TokenUsage {
        if (promptTokens < 0 || cachedPromptTokens < 0 || completionTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
        // A provider that reports more cached than prompt tokens would make the uncached part negative.
        cachedPromptTokens = Math.min(cachedPromptTokens, promptTokens);
    }

    /** Nothing consumed: a call the upstream refused before doing any work. */
    public static TokenUsage none() {
        return new TokenUsage(0, 0, 0, 0, false);
    }

    public static TokenUsage estimated(long promptTokens, long completionTokens) {
        return new TokenUsage(promptTokens, 0, completionTokens, 0, false);
    }

    public long uncachedPromptTokens() {
        return promptTokens - cachedPromptTokens;
    }
}
