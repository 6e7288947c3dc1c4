package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * An admin set (or, with {@code capCredits} null, removed) a hard cap on what the user may spend per cycle.
 * Once usage of the cycle reaches it, the account is EXHAUSTED whatever its balance.
 */
public record CycleCapSet(String userId, Long capCredits, String reason, String actor, Instant setAt,
        AccountBalance after) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return setAt;
    }

    @Override
    public String changeType() {
        return "CAP";
    }

    @Override
    public long amountCredits() {
        return 0;
    }
}
