package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * A purchase from the payment topic became a PAID grant without expiry, id
 * {@code purchase:<purchaseId>}.
 *
 * @param paymentEventId the {@code CreditsPurchased} event id, for the audit trail
 * @param debtSettledCredits the part that paid back an earlier overshoot
 */
public record PurchaseGranted(
        String userId,
        String purchaseId,
        String paymentEventId,
        long amountCredits,
        Instant purchasedAt,
        long debtSettledCredits,
        AccountBalance after) implements LedgerEvent {

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
