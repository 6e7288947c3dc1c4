package io.creditgate.gateway.metering;

/**
 * Tokens of one call.
 *
 * @param promptTokens all input tokens: uncached, read from the provider's prompt cache, and written to it
 * @param cachedPromptTokens the part of {@code promptTokens} read from the prompt cache (OpenAI's
 *     {@code cached_tokens}, Anthropic's {@code cache_read_input_tokens})
 * @param cacheWriteTokens the part of {@code promptTokens} written to the prompt cache (Anthropic's
 *     {@code cache_creation_input_tokens}; OpenAI reports none)
 * @param completionTokens all output tokens, reasoning ones included
 * @param reasoningTokens the part of {@code completionTokens} spent on hidden reasoning
 * @param exact true when the upstream reported every one of these numbers, false when the gateway counted
 *     any of them
 */
public record TokenUsage(long promptTokens, long cachedPromptTokens, long cacheWriteTokens, long completionTokens,
                         long reasoningTokens, boolean exact) {

    public TokenUsage {
        if (promptTokens < 0 || cachedPromptTokens < 0 || cacheWriteTokens < 0 || completionTokens < 0
                || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
        // A provider that reports more cached than prompt tokens would make the uncached part negative.
        cachedPromptTokens = Math.min(cachedPromptTokens, promptTokens);
        cacheWriteTokens = Math.min(cacheWriteTokens, promptTokens - cachedPromptTokens);
        reasoningTokens = Math.min(reasoningTokens, completionTokens);
    }

    /** Nothing consumed: a call the upstream refused before doing any work. */
    public static TokenUsage none() {
        return new TokenUsage(0, 0, 0, 0, 0, false);
    }

    /** What the gateway counted itself: no cache or reasoning details are known. */
    public static TokenUsage estimated(long promptTokens, long completionTokens) {
        return new TokenUsage(promptTokens, 0, 0, completionTokens, 0, false);
    }

    /** OpenAI's numbers: prompt (cached included), cached, completion (reasoning included), reasoning. */
    public static TokenUsage reported(long promptTokens, long cachedPromptTokens, long completionTokens,
                                      long reasoningTokens) {
        return new TokenUsage(promptTokens, cachedPromptTokens, 0, completionTokens, reasoningTokens, true);
    }

    /** Input tokens neither read from nor written to the prompt cache. */
    public long uncachedPromptTokens() {
        return promptTokens - cachedPromptTokens - cacheWriteTokens;
    }

    /** Output tokens that are not reasoning. */
    public long visibleCompletionTokens() {
        return completionTokens - reasoningTokens;
    }

    /** The same input with other output: the provider's input counts, the gateway's count of the output. */
    public TokenUsage withEstimatedCompletion(long completionTokens) {
        return new TokenUsage(promptTokens, cachedPromptTokens, cacheWriteTokens, completionTokens, 0, false);
    }
}
