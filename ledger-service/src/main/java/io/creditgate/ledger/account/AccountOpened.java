package io.creditgate.ledger.account;

import java.time.Instant;

/** The ledger saw a user for the first time and opened the account with the starting grant. */
public record AccountOpened(String userId, long startingCredits, Instant openedAt) {

    public AccountBalance after() {
        return AccountBalance.opening(startingCredits);
    }
}
