package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * An event of a credit account's journal. Each carries the account's money after it ({@code after}), so
 * every projection publishes exactly that state, and the fold ({@link AccountState}) checks its own
 * arithmetic against it on every load and every replay.
 */
public interface LedgerEvent {

    String userId();

    /** The account's money once this event applied. */
    AccountBalance after();

    /** When it happened (for an expiry: when the grant expired, not when the ledger noticed). */
    Instant occurredAt();

    /**
     * The statement line kind (at most 16 characters): OPENED, GRANT, PURCHASE, USAGE, EXPIRY, REVOKE, REFUND, ADJUSTMENT,
     * BLOCK, UNBLOCK, CAP, PLAN, RENEWAL, DISPUTE_HOLD, DISPUTE_RELEASE, DISPUTE_LOST, SUBSCRIPTION_END.
     */
    String changeType();

    /** The signed change of the balance, in credits. */
    long amountCredits();
}
