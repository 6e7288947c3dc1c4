package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * A purchase was disputed: its unspent credits, at most what the dispute corresponds to, are held until the dispute
 * closes. Held credits leave the spendable balance (and the cycle's credits) but are not gone: a won dispute brings
 * them back.
 *
 * @param requestedCredits credits the disputed money corresponds to, as the payment topic said
 * @param disputedCredits {@code requestedCredits} capped at what the purchase still owes (its amount less refunds and
 *     lost disputes): the most a lost dispute takes
 * @param heldCredits the part of the purchase's unspent credits held: {@code min(disputedCredits, unspent)}
 */
public record PurchaseDisputed(String userId, String purchaseId, String disputeId, String paymentEventId,
        long requestedCredits, long disputedCredits, long heldCredits, Instant disputedAt, AccountBalance after)
        implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return disputedAt;
    }

    @Override
    public String changeType() {
        return "DISPUTE_HOLD";
    }

    @Override
    public long amountCredits() {
        return -heldCredits;
    }
}
