package io.creditgate.ledger.account;

/** What an admin command (adjust, block, unblock, cap) did. */
public enum AdminOutcome {
    /** The account changed. */
    CHANGED,
    /** It was already so (the same adjustment id, already blocked, the same cap): nothing changed. */
    UNCHANGED
}
