package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * A subscription ended. Recorded whether or not the user was still on its plan, so a late redelivery never moves a
 * user who subscribed again; when they were, a {@link PlanAssigned} of the default plan and its
 * {@link AllowanceRenewed} follow in the same command.
 */
public record SubscriptionEnded(String userId, String subscriptionId, String planId, String paymentEventId,
        Instant endedAt, AccountBalance after) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return endedAt;
    }

    @Override
    public String changeType() {
        return "SUBSCRIPTION_END";
    }

    @Override
    public long amountCredits() {
        return 0;
    }
}
