package io.creditgate.ledger.query;

import java.time.Instant;

/**
 * An account as the API shows it; amounts in credits (1 credit = 1 micro-USD).
 *
 * @param status ACTIVE or EXHAUSTED
 * @param version the account's sequence number after its last change (the same number the Redis
 *     projection stores as {@code version})
 */
public record AccountView(
        String userId,
        long balanceCredits,
        long cycleCredits,
        long spentCycleCredits,
        String status,
        long version,
        Instant openedAt,
        Instant updatedAt) {
}
