package io.creditgate.ledger.admin;

import java.time.Instant;

/**
 * Body of {@code POST /api/admin/accounts/{userId}/grants}. Boxed so that a missing field is told apart
 * from zero.
 *
 * @param amountCredits credits to add (1 credit = 1 micro-USD), 1 to {@code creditgate.max-grant-credits}
 * @param reason why, for the audit log (1 to 500 characters)
 * @param grantId optional idempotency key; send one to make retries safe
 * @param category optional PROMOTIONAL (default) or PAID
 * @param expiresAt optional ISO-8601 instant after now when the unspent part expires; absent = never
 * @param priority optional 0 to 1000 (default 100); lower burns first among grants of the same expiry
 */
record GrantRequest(Long amountCredits, String reason, String grantId, String category, Instant expiresAt,
        Integer priority) {
}
