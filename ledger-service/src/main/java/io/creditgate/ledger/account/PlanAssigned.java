package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * An admin (or the ledger, for the default plan) put the account on a plan. A new cycle starts at once: an
 * {@link AllowanceRenewed} at the same instant always follows in the same command.
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
