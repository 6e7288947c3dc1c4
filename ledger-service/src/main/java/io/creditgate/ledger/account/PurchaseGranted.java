package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * A purchase from the payment topic became a PAID grant without expiry, id
 * {@code purchase:<purchaseId>}.
 *
 * @param paymentEventId the {@code CreditsPurchased} event id, for the audit trail
 * @param debtSettledCredits the part that paid back an earlier overshoot
 * @param method how it was paid: {@code checkout}, {@code auto_top_up} or {@code manual}; null in events written
 *     before payments carried it
 * @param reference where the money can be found (a Stripe PaymentIntent, a bank or PIX reference); null or empty
 *     when unknown
 */
public record PurchaseGranted(
        String userId,
        String purchaseId,
        String paymentEventId,
        long amountCredits,
        Instant purchasedAt,
        long debtSettledCredits,
        AccountBalance after,
        String method,
        String reference) implements LedgerEvent {

    /** A purchase without method or reference (as written before payments carried them). */
    public PurchaseGranted(String userId, String purchaseId, String paymentEventId, long amountCredits,
            Instant purchasedAt, long debtSettledCredits, AccountBalance after) {
        this(userId, purchaseId, paymentEventId, amountCredits, purchasedAt, debtSettledCredits, after, null, null);
    }

    @Override
    public Instant occurredAt() {
        return purchasedAt;
    }

    @Override
    public String changeType() {
        return "PURCHASE";
    }

    public String grantId() {
        return AccountState.purchaseGrantId(purchaseId);
    }
}
