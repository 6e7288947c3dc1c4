package io.creditgate.ledger.account;

import java.time.Instant;

/** An admin lifted the block. */
public record UserUnblocked(String userId, String reason, String actor, Instant unblockedAt, AccountBalance after)
        implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return unblockedAt;
    }

    @Override
    public String changeType() {
        return "UNBLOCK";
    }

    @Override
    public long amountCredits() {
        return 0;
    }
}
