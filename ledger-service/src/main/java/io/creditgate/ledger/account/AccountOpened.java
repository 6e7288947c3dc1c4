package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * The ledger saw a user for the first time and opened the account with the starting grant (a
 * promotional grant {@value AccountState#OPENING_GRANT_ID} without expiry, when above zero).
 */
public record AccountOpened(String userId, long startingCredits, Instant openedAt) implements LedgerEvent {

    @Override
    public AccountBalance after() {
        return AccountBalance.opening(startingCredits);
    }

    @Override
    public Instant occurredAt() {
        return openedAt;
    }

    @Override
    public String changeType() {
        return "OPENED";
    }

    @Override
    public long amountCredits() {
        return startingCredits;
    }
}
