package io.creditgate.ledger.account;

/** Whether a user can still spend. The gateway refuses new calls of an EXHAUSTED account. */
public enum AccountStatus {
    /** Credits left: balance above zero. */
    ACTIVE,
    /** Nothing left: balance zero or below (one call may overshoot; the ledger records it anyway). */
    EXHAUSTED;

    public static AccountStatus of(long balanceCredits) {
        return balanceCredits > 0 ? ACTIVE : EXHAUSTED;
    }
}
