package io.creditgate.ledger.reconciliation;

import java.time.LocalDate;

/**
 * The provider's usage of one UTC day and model family ({@code ModelNames.family}), summed over its records.
 *
 * @param requests the calls it counted
 * @param inputTokens every input token, cached ones included
 * @param cachedInputTokens input tokens read from its prompt cache
 * @param outputTokens output tokens, reasoning included
 */
record ProviderUsage(LocalDate day, String model, long requests, long inputTokens, long cachedInputTokens,
                     long outputTokens) {

    ProviderUsage plus(ProviderUsage other) {
        return new ProviderUsage(day, model, requests + other.requests, inputTokens + other.inputTokens,
                cachedInputTokens + other.cachedInputTokens, outputTokens + other.outputTokens);
    }
}
