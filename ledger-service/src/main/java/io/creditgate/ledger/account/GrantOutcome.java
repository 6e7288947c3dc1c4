package io.creditgate.ledger.account;

/** What a {@link GrantCredits} command did. */
public enum GrantOutcome {
    /** A new grant: the balance went up. */
    GRANTED,
    /** The grant id was granted before with the same amount: nothing changed. */
    ALREADY_GRANTED
}
