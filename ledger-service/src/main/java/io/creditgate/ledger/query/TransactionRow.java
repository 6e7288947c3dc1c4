package io.creditgate.ledger.query;

import java.time.Instant;

/** One row of {@code account_transaction} being written; usage and grant details are null elsewhere. */
record TransactionRow(
        String userId, long version, TransactionType type, long amountCredits, long balanceAfterCredits,
        String eventId, Instant occurredAt,
        String model, Long promptTokens, Long cachedPromptTokens, Long completionTokens, Long reasoningTokens,
        String usageSource, String requestId, String reason, String actor) {

    TransactionRow(String userId, long version, TransactionType type, long amountCredits, long balanceAfterCredits,
            String eventId, Instant occurredAt) {
        this(userId, version, type, amountCredits, balanceAfterCredits, eventId, occurredAt,
                null, null, null, null, null, null, null, null, null);
    }

    TransactionRow withGrant(String reason, String actor) {
        return new TransactionRow(userId, version, type, amountCredits, balanceAfterCredits, eventId, occurredAt, model,
                promptTokens, cachedPromptTokens, completionTokens, reasoningTokens, usageSource, requestId, reason, actor);
    }
}
