package io.creditgate.ledger.account;

/** What a dispute or subscription command ({@link RecordDispute}, {@link CloseDispute}, {@link RenewSubscription}, {@link EndSubscription}) did. */
public enum PaymentOutcome {
    /** Folded: the account recorded it. */
    FOLDED,
    /** Its idempotency key (disputeId, invoiceId, subscriptionId) was folded before: nothing changed. */
    ALREADY_FOLDED,
    /**
     * Nothing to do, and nothing recorded: an invoice whose period ended before the account's current cycle began (a
     * late delivery of an older invoice), or a renewal of a subscription that already ended.
     */
    IGNORED
}
