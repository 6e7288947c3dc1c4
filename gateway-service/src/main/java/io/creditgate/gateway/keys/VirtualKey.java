package io.creditgate.gateway.keys;

import java.time.Instant;

/**
 * A personal virtual key as stored: never the key itself, only its visible prefix (and, elsewhere, its hash).
 *
 * @param budgetCredits the most the key may spend, in credits; null = no budget of its own (the user's credits still apply)
 * @param spentCredits what calls with the key cost so far, as last saved to PostgreSQL (Redis counts live)
 * @param revokedAt null while the key works
 */
public record VirtualKey(String id, String userId, String name, String prefix, Long budgetCredits, long spentCredits,
                         Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    VirtualKey withSpent(long spent) {
        return new VirtualKey(id, userId, name, prefix, budgetCredits, spent, createdAt, revokedAt);
    }
}
