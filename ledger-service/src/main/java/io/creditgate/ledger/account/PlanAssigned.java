package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * An admin, a subscription (actor {@code stripe:<subscriptionId>}) or the end of one put the account on a plan. A new
 * cycle starts in the same command: an {@link AllowanceRenewed} follows, at the same instant, or for a subscription at
 * the start of the paid period.
 */
public record PlanAssigned(String userId, PlanTerms plan, String reason, String actor, Instant assignedAt,
        AccountBalance after) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return assignedAt;
    }

    @Override
    public String changeType() {
        return "PLAN";
    }

    @Override
    public long amountCredits() {
        return 0;
    }
}
