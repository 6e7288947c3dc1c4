package io.creditgate.ledger.account;

/**
 * What kind of credits a grant holds. The declaration order is the burn order among grants of equal
 * expiry and priority: promotional credits go first, so the credits a user paid for (and could have
 * refunded) are kept longest.
 */
public enum GrantCategory {
    /** Given: the starting grant, admin gifts, plan allowances. */
    PROMOTIONAL,
    /** Bought: purchases from the payment topic. */
    PAID
}
