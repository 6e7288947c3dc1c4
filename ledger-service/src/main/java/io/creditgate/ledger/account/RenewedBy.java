package io.creditgate.ledger.account;

/** What starts a plan's next cycle. */
public enum RenewedBy {
    /** The calendar: the ledger renews the cycle at its end (the schedulers and every command carrying a time). */
    CLOCK,
    /**
     * A paid invoice ({@code SubscriptionRenewed}): the clock never renews such a plan; a cycle whose end passed
     * without a new invoice keeps its allowance until the next invoice or the subscription's end.
     */
    PAYMENT
}
