package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A subscription ended: the user goes back to {@code defaultPlan} if still on {@code planId}. Idempotent by
 * {@code subscriptionId}.
 */
public record EndSubscription(
        @TargetAggregateIdentifier String userId,
        String subscriptionId,
        String planId,
        String paymentEventId,
        PlanTerms defaultPlan,
        Instant endedAt) {
}
