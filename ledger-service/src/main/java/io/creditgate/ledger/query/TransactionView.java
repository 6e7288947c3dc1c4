package io.creditgate.ledger.query;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One statement line. {@code amountCredits} is signed: grants positive, usage negative. Usage lines
 * carry the model and tokens, grants the reason and actor; absent fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransactionView(
        long version,
        String type,
        long amountCredits,
        long balanceAfterCredits,
        String eventId,
        Instant occurredAt,
        String model,
        Long promptTokens,
        Long cachedPromptTokens,
        Long completionTokens,
        Long reasoningTokens,
        String usageSource,
        String requestId,
        String reason,
        String actor) {

    static final java.util.List<String> CSV_HEADER = java.util.List.of("version", "type", "amountCredits",
            "balanceAfterCredits", "eventId", "occurredAt", "model", "promptTokens", "cachedPromptTokens",
            "completionTokens", "reasoningTokens", "usageSource", "requestId", "reason", "actor");

    /** The CSV line, in the order of {@link #CSV_HEADER}. */
    java.util.List<Object> csv() {
        return java.util.Arrays.asList(version, type, amountCredits, balanceAfterCredits, eventId, occurredAt, model,
                promptTokens, cachedPromptTokens, completionTokens, reasoningTokens, usageSource, requestId, reason, actor);
    }
}
