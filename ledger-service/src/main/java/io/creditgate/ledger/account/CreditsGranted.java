package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * Credits added to an account by an actor; {@code after} is the account's money once added.
 *
 * @param expiresAt when the unspent part expires; null = never
 * @param priority lower burns first among grants of the same expiry
 * @param debtSettledCredits the part of the grant that paid back an earlier overshoot (never spendable)
 */
public record CreditsGranted(
        String userId,
        String grantId,
        long amountCredits,
        String reason,
        String actor,
        Instant grantedAt,
        GrantCategory category,
        Instant expiresAt,
        int priority,
        long debtSettledCredits,
        AccountBalance after) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return grantedAt;
    }

    @Override
    public String changeType() {
        return "GRANT";
    }
}
