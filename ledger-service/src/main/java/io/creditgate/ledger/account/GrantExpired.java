package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * The unspent part of a grant expired. {@code expiredAt} is the grant's own expiry time, whenever the
 * ledger applied it (a scheduled {@link ExpireGrants} or the next command carrying a later time), so a
 * replay yields the same event.
 */
public record GrantExpired(String userId, String grantId, long expiredCredits, Instant expiredAt,
        AccountBalance after) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return expiredAt;
    }

    @Override
    public String changeType() {
        return "EXPIRY";
    }

    @Override
    public long amountCredits() {
        return -expiredCredits;
    }
}
