package io.creditgate.ledger.account;

import java.time.Instant;

/** An admin took back the unspent part of a grant. */
public record GrantRevoked(String userId, String grantId, long revokedCredits, String reason, String actor,
        Instant revokedAt, AccountBalance after) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return revokedAt;
    }

    @Override
    public String changeType() {
        return "REVOKE";
    }

    @Override
    public long amountCredits() {
        return -revokedCredits;
    }
}
