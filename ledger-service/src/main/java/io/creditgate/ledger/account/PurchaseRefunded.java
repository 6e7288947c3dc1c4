package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * A refund of a purchase took back {@code refundedCredits} = min(requested, the purchase's unspent part).
 * The rest ({@link #uncollectedCredits()}) was already spent: the ledger never takes it from other grants.
 */
public record PurchaseRefunded(String userId, String purchaseId, String refundId, String paymentEventId,
        long requestedCredits, long refundedCredits, Instant refundedAt, AccountBalance after) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return refundedAt;
    }

    @Override
    public String changeType() {
        return "REFUND";
    }

    @Override
    public long amountCredits() {
        return -refundedCredits;
    }

    /** Credits the refund covered that had already been spent. */
    public long uncollectedCredits() {
        return requestedCredits - refundedCredits;
    }
}
