package io.creditgate.payment.checkout;

/**
 * {@code POST /api/payments/checkout}.
 *
 * @param packId the pack to buy
 * @param userId the account to credit; needed only when the caller owns several
 */
record CheckoutRequest(String packId, String userId) {
}
