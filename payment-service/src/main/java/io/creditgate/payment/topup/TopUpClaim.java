package io.creditgate.payment.topup;

/**
 * A top-up claimed in PostgreSQL and not yet answered by Stripe: everything the PaymentIntent is made of, so a retry
 * sends Stripe exactly the same parameters under the same idempotency key (Stripe refuses a reused key with other
 * parameters).
 */
record TopUpClaim(String userId, long sequence, String packId, long credits, long amountMinor, String currency,
                  String customerId, String paymentMethodId) {

    /** {@code top-up:<userId>:<sequence>}: one charge per claim, whoever sends it and how often. */
    String idempotencyKey() {
        return "top-up:" + userId + ":" + sequence;
    }
}
