package io.creditgate.ledger.account;

/**
 * The tokens of one metered call, as the gateway counted them.
 *
 * @param promptTokens all input tokens, cached ones included
 * @param cachedPromptTokens the part of the input served from the provider's cache
 * @param completionTokens all output tokens, reasoning ones included
 * @param reasoningTokens the part of the output spent on reasoning
 */
public record TokenCounts(long promptTokens, long cachedPromptTokens, long completionTokens, long reasoningTokens) {

    boolean valid() {
        return promptTokens >= 0 && completionTokens >= 0 && cachedPromptTokens >= 0 && reasoningTokens >= 0
                && cachedPromptTokens <= promptTokens && reasoningTokens <= completionTokens;
    }
}
