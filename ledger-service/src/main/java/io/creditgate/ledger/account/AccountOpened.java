package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * The ledger saw a user for the first time and opened the account with the starting grant (a
 * promotional grant {@value AccountState#OPENING_GRANT_ID} without expiry, when above zero), on the default plan
 * ({@code plan}, whose terms the journal keeps). When that plan has an allowance an {@link AllowanceRenewed}
 * follows at once.
 */
public record AccountOpened(String userId, long startingCredits, Instant openedAt, PlanTerms plan)
        implements LedgerEvent {

    /** An account on a plan without allowance that never renews (the default plan before plans existed). */
    public AccountOpened(String userId, long startingCredits, Instant openedAt) {
        this(userId, startingCredits, openedAt, PlanTerms.oneOff(PlanTerms.DEFAULT_PLAN_ID));
    }

    public AccountOpened {
        plan = plan == null ? PlanTerms.oneOff(PlanTerms.DEFAULT_PLAN_ID) : plan;
    }

    @Override
    public AccountBalance after() {
        return AccountBalance.opening(startingCredits, plan.planId(), openedAt);
    }

    @Override
    public Instant occurredAt() {
        return openedAt;
    }

    @Override
    public String changeType() {
        return "OPENED";
    }

    @Override
    public long amountCredits() {
        return startingCredits;
    }
}
