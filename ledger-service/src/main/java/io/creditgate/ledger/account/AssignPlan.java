package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put a user on a plan (admin). Assigning the plan the account already has, on the same terms, is a no-op.
 * Opens the account of a user never seen on the default plan first.
 */
public record AssignPlan(@TargetAggregateIdentifier String userId, PlanTerms plan, String reason, String actor,
        Instant assignedAt, long openingCredits, PlanTerms openingPlan) {
}
