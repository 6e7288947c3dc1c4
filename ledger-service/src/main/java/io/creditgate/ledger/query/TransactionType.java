package io.creditgate.ledger.query;

/** The kind of a statement line; the same names as {@code LedgerEvent.changeType()}. */
public enum TransactionType {
    /** The starting grant of a new account. */
    OPENED,
    /** Credits granted by an actor. */
    GRANT,
    /** A purchase from the payment topic (a PAID grant). */
    PURCHASE,
    /** A metered call charged. */
    USAGE,
    /** The unspent part of a grant expired. */
    EXPIRY,
    /** An admin took back the unspent part of a grant. */
    REVOKE,
    /** A refund took back a purchase's credits: its unspent part, then other grants, then below zero. */
    REFUND,
    /** A dispute of a purchase held its unspent credits. */
    DISPUTE_HOLD,
    /** A dispute closed won (or without decision): the held credits came back. */
    DISPUTE_RELEASE,
    /** A dispute closed lost: the disputed credits were taken for good, like a refund. */
    DISPUTE_LOST,
    /** A subscription ended (no money moved; a PLAN and RENEWAL follow when the user goes back to the default plan). */
    SUBSCRIPTION_END,
    /** An admin corrected the balance (signed). */
    ADJUSTMENT,
    /** An admin blocked the user (no money moved). */
    BLOCK,
    /** An admin lifted the block (no money moved). */
    UNBLOCK,
    /** An admin set or removed the cycle cap (no money moved). */
    CAP,
    /** An admin put the user on a plan (no money moved; a RENEWAL follows). */
    PLAN,
    /** A cycle began: the unspent allowance out (up to the rollover back), the new allowance in. */
    RENEWAL
}
