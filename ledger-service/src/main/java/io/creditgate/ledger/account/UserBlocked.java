package io.creditgate.ledger.account;

import java.time.Instant;

/** An admin blocked the user: status BLOCKED, the gateway refuses every call. Usage already made is still charged. */
public record UserBlocked(String userId, String reason, String actor, Instant blockedAt, AccountBalance after)
        implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return blockedAt;
    }

    @Override
    public String changeType() {
        return "BLOCK";
    }

    @Override
    public long amountCredits() {
        return 0;
    }
}
