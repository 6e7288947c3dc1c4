package io.creditgate.ledger.account;

/** What happens to the unspent allowance when a cycle renews. */
public enum Rollover {
    /** The unspent allowance is forfeited: every cycle starts with exactly the plan's allowance. */
    RESET,
    /** The unspent allowance carries over up to the plan's {@code rolloverCapCredits}; the rest is forfeited. */
    CAPPED
}
