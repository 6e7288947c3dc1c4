package io.creditgate.payment.manual;

/**
 * {@code POST /api/payments/manual-purchases}: money that arrived outside Stripe.
 *
 * @param userId the account to credit
 * @param credits credits granted (1 credit = 1 micro-USD)
 * @param amountMinor money received, in the currency's minor unit
 * @param currency ISO 4217
 * @param method {@code bank_transfer}, {@code pix} or {@code invoice}
 * @param reference where the money can be found (the transfer's, PIX's or invoice's id): the purchase's idempotency key
 * @param note optional free text
 */
record ManualPurchaseRequest(String userId, Long credits, Long amountMinor, String currency, String method,
        String reference, String note) {
}
