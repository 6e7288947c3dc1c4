package io.creditgate.ledger.account;

/** What a {@link RevokeGrant} command did. */
public enum RevokeOutcome {
    /** The unspent part of the grant was taken back. */
    REVOKED,
    /** The grant was revoked before: nothing changed. */
    ALREADY_REVOKED
}
