package io.creditgate.payment.checkout;

/** A Checkout Session we asked Stripe for: what it must be paid, and for whom. */
record CheckoutAttempt(String attemptId, String sessionId, String userId, String packId, long credits, long amountMinor,
        String currency, String idempotencyKey) {
}
