package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add credits to a user's account. Opens the account first when the user is new. A grant id seen
 * before with the same amount is a no-op, so a client may safely retry.
 *
 * @param grantId idempotency key of the grant
 * @param amountCredits credits to add, above zero
 * @param actor who granted (recorded for the audit log)
 * @param grantedAt when the grant was made; also the opening time of a new account
 * @param category PROMOTIONAL or PAID
 * @param expiresAt when the unspent part expires (after {@code grantedAt}); null = never
 * @param priority 0 to 1000, lower burns first among grants of the same expiry
 * @param openingCredits the starting grant, used only if this command opens the account
 */
public record GrantCredits(
        @TargetAggregateIdentifier String userId,
        String grantId,
        long amountCredits,
        String reason,
        String actor,
        Instant grantedAt,
        GrantCategory category,
        Instant expiresAt,
        int priority,
        long openingCredits,
        PlanTerms openingPlan) {

    public GrantCredits(String userId, String grantId, long amountCredits, String reason, String actor,
            Instant grantedAt, GrantCategory category, Instant expiresAt, int priority, long openingCredits) {
        this(userId, grantId, amountCredits, reason, actor, grantedAt, category, expiresAt, priority, openingCredits, null);
    }

    /** A promotional grant without expiry at the default priority. */
    public GrantCredits(String userId, String grantId, long amountCredits, String reason, String actor,
            Instant grantedAt, long openingCredits) {
        this(userId, grantId, amountCredits, reason, actor, grantedAt, GrantCategory.PROMOTIONAL, null,
                AccountState.DEFAULT_PRIORITY, openingCredits, null);
    }
}
