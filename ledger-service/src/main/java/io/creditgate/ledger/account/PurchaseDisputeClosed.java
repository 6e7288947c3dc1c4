package io.creditgate.ledger.account;

import java.time.Instant;
import java.util.List;

/**
 * A dispute closed. WON and OTHER release the held credits back into the purchase's grant ({@code releasedCredits},
 * of which {@code debtSettledCredits} pays back a balance below zero first). LOST takes what the purchase still owes
 * of the disputed credits: the held credits first ({@code takenHeldCredits}, for good), the rest like a refund
 * (the purchase's unspent part, other grants in burn order, then below zero); held credits beyond it are released.
 *
 * @param heldCredits what the dispute held
 * @param takenHeldCredits the held credits a lost dispute took (0 when won)
 * @param releasedCredits the held credits given back
 * @param debtSettledCredits the part of the released credits that paid back a balance below zero
 * @param refundedCredits LOST beyond the hold: taken from the purchase's unspent part
 * @param burns LOST beyond the hold: taken from other grants, in burn order
 * @param uncoveredCredits LOST beyond the hold: what nothing covered, the balance went below zero by it
 */
public record PurchaseDisputeClosed(String userId, String purchaseId, String disputeId, String paymentEventId,
        DisputeOutcome outcome, long heldCredits, long takenHeldCredits, long releasedCredits, long debtSettledCredits,
        long refundedCredits, List<GrantBurn> burns, long uncoveredCredits, Instant closedAt, AccountBalance after)
        implements LedgerEvent {

    public PurchaseDisputeClosed {
        burns = burns == null ? List.of() : List.copyOf(burns);
    }

    @Override
    public Instant occurredAt() {
        return closedAt;
    }

    @Override
    public String changeType() {
        return outcome == DisputeOutcome.LOST ? "DISPUTE_LOST" : "DISPUTE_RELEASE";
    }

    /** Taken beyond the hold (from the purchase, other grants, below zero). */
    public long takenBeyondHoldCredits() {
        return refundedCredits + GrantBurn.total(burns) + uncoveredCredits;
    }

    @Override
    public long amountCredits() {
        return releasedCredits - takenBeyondHoldCredits();
    }
}
