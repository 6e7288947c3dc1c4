package io.creditgate.payment.refund;

/**
 * What a refund request did.
 *
 * @param status {@code refunded} (a manual purchase: the credits are taken back now) or {@code pending} (a Stripe
 *     purchase: Stripe refunds the card, and the credits are taken back when its {@code charge.refunded} arrives)
 * @param credits credits taken back now; 0 while pending
 */
record RefundAnswer(String requestId, String purchaseId, String status, long amountMinor, String currency, long credits,
        String stripeRefundId, String refundId, String requestedBy, String reason) {
}
