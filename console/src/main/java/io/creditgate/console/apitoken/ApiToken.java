package io.creditgate.console.apitoken;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.creditgate.schemas.identity.Role;

/**
 * A script's credential (the secret itself is never kept).
 *
 * @param createdBy    the person id of the admin who created it; the relayed token's {@code sub}
 * @param accounts     the ledger accounts it acts on as a user (empty: none of its own)
 * @param revokedAt    null while valid
 */
public record ApiToken(String id, String name, String createdBy, String creatorEmail, Set<Role> roles, List<String> accounts,
                       Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
}
