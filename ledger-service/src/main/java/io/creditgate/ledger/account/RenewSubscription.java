package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A subscription's invoice was paid: put the user on {@code plan} if not already, and start a cycle over the paid
 * period with the plan's allowance. Idempotent by {@code invoiceId}. Opens the account when the user is new.
 *
 * @param plan the terms of the plan the subscription pays for, renewed by {@link RenewedBy#PAYMENT}
 * @param periodEnd the paid period's end (exclusive), after {@code periodStart}
 * @param renewedAt when the invoice was paid (the payment event's time): the account catches up to it
 */
public record RenewSubscription(
        @TargetAggregateIdentifier String userId,
        String subscriptionId,
        String invoiceId,
        String paymentEventId,
        PlanTerms plan,
        Instant periodStart,
        Instant periodEnd,
        Instant renewedAt,
        long openingCredits,
        PlanTerms openingPlan) {
}
