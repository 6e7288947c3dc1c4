package io.creditgate.gateway.metering;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** Reads OpenAI's {@code usage} object, what the provider bills. */
public final class ProviderUsage {

    /**
     * The usage in {@code usage}, or empty when it is missing, null or lacks the two required counts.
     * Cached and reasoning tokens are optional details (absent means zero).
     */
    public static Optional<TokenUsage> from(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        JsonNode prompt = usage.path("prompt_tokens");
        JsonNode completion = usage.path("completion_tokens");
        if (!prompt.canConvertToLong() || !completion.canConvertToLong()) {
            return Optional.empty();
        }
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        return Optional.of(new TokenUsage(Math.max(0, prompt.asLong()), Math.max(0, cached),
                Math.max(0, completion.asLong()), Math.max(0, reasoning), true));
    }

    private ProviderUsage() {
    }
}
