package io.creditgate.gateway.keys;

import java.time.Instant;

/**
 * One line of the key audit log: a key created or revoked, by whom.
 *
 * @param action {@code created} or {@code revoked}
 * @param actor the authenticated principal (the token's email, else its sub; or {@code bootstrap-admin-key})
 * @param userId the key's owner
 * @param budgetCredits the key's own budget in credits; null = none
 * @param at when the key was created or revoked
 */
record KeyAuditEntry(long id, String action, String actor, String keyId, String userId, String name,
                     Long budgetCredits, Instant at) {
}
