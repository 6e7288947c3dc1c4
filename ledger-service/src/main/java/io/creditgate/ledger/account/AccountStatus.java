package io.creditgate.ledger.account;

/** Whether a user can still spend. The gateway refuses new calls of an EXHAUSTED or BLOCKED account. */
public enum AccountStatus {
    /** Credits left: something spendable (balance, and the cycle cap's remainder when a cap is set). */
    ACTIVE,
    /** Nothing left: spendable zero or below (one call may overshoot; the ledger records it anyway). */
    EXHAUSTED,
    /** An admin blocked the user. */
    BLOCKED;

    /** ACTIVE or EXHAUSTED by the spendable credits alone. */
    public static AccountStatus of(long spendableCredits) {
        return spendableCredits > 0 ? ACTIVE : EXHAUSTED;
    }
}
