package io.creditgate.ledger.account;

/** How a dispute of a purchase ended (the payment topic's {@code PurchaseDisputeClosed.outcome}). */
public enum DisputeOutcome {
    /** The merchant won: the held credits come back. */
    WON,
    /** The card holder won: the disputed credits are taken for good, like a refund. */
    LOST,
    /** Withdrawn, or closed without a decision: the held credits come back. */
    OTHER
}
