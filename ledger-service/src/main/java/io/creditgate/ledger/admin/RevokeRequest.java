package io.creditgate.ledger.admin;

/** Body of {@code POST /api/admin/accounts/{userId}/grants/{grantId}/revoke}: why (1 to 500 characters). */
record RevokeRequest(String reason) {
}
