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
 * @param openingCredits the starting grant, used only if this command opens the account
 */
public record GrantCredits(
        @TargetAggregateIdentifier String userId,
        String grantId,
        long amountCredits,
        String reason,
        String actor,
        Instant grantedAt,
        long openingCredits) {
}
