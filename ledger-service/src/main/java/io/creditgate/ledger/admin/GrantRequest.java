package io.creditgate.ledger.admin;

/**
 * Body of {@code POST /api/admin/accounts/{userId}/grants}. Boxed so that a missing field is told apart
 * from zero.
 *
 * @param amountCredits credits to add (1 credit = 1 micro-USD), 1 to {@code creditgate.max-grant-credits}
 * @param reason why, for the audit log (1 to 500 characters)
 * @param grantId optional idempotency key; send one to make retries safe
 */
record GrantRequest(Long amountCredits, String reason, String grantId) {
}
