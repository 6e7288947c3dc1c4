package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Correct a balance by a signed amount (admin). Idempotent by {@code adjustmentId}. A negative amount may not
 * exceed the balance: an adjustment never creates a debt.
 */
public record AdjustBalance(@TargetAggregateIdentifier String userId, String adjustmentId, long amountCredits,
        String reason, String actor, Instant adjustedAt) {
}
