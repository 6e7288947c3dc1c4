package io.creditgate.payment.refund;

/**
 * {@code POST /api/payments/purchases/{purchaseId}/refunds}.
 *
 * @param amountMinor money to give back in the purchase's currency's minor unit; absent: all that remains
 * @param reason why (kept with the refund and shown to the user)
 */
record RefundRequest(Long amountMinor, String reason) {
}
