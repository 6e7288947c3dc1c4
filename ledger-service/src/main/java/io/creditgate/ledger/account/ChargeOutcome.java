package io.creditgate.ledger.account;

/** What a {@link ChargeUsage} command did. */
public enum ChargeOutcome {
    /** The call was charged to the account. */
    CHARGED,
    /** The usage event was folded before (a redelivery): nothing changed. */
    ALREADY_CHARGED
}
