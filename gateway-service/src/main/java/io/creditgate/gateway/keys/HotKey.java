package io.creditgate.gateway.keys;

import java.util.Map;

/**
 * A virtual key as the hot path reads it from Redis ({@code cg:key:<sha256>}): whose it is, whether it is
 * revoked, and its budget and live spend.
 */
record HotKey(String id, String userId, Long budgetCredits, long spentCredits, boolean revoked) {

    boolean budgetExhausted() {
        return budgetCredits != null && spentCredits >= budgetCredits;
    }

    /** From the hash's fields; null when the hash holds no key. */
    static HotKey of(Map<String, String> fields) {
        String userId = fields.get("userId");
        if (userId == null) {
            return null;
        }
        String budget = fields.get("budget");
        String spent = fields.get("spent");
        return new HotKey(fields.get("id"), userId, budget == null ? null : Long.valueOf(budget),
                spent == null ? 0 : Long.parseLong(spent), fields.containsKey("revokedAt"));
    }

    static HotKey of(VirtualKey key) {
        return new HotKey(key.id(), key.userId(), key.budgetCredits(), key.spentCredits(), key.revoked());
    }
}
