package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * The money of an account after a change, all in credits (1 credit = 1 micro-USD). Events carry
 * it so that every projection (read model, Redis, the account-events topic) publishes exactly the
 * state after that event without re-folding the stream, and the aggregate can check its own fold.
 *
 * @param balanceCredits what the user can still spend; negative by at most one call's overshoot
 * @param cycleCredits credits of the current cycle: received (starting grant, grants, purchases) net of
 *     what was taken back (expired, revoked, refunded)
 * @param spentCycleCredits credits charged for usage in the current cycle
 * @param cycleCapCredits an admin's hard cap on {@code spentCycleCredits}; null = none
 * @param blocked an admin blocked the user: the gateway refuses every call
 * @param planId the account's plan
 * @param cycleStartedAt when the current cycle began: the last renewal or plan assignment, else the opening
 * @param cycleEndsAt when the current cycle renews; null when the plan never renews
 */
public record AccountBalance(long balanceCredits, long cycleCredits, long spentCycleCredits, Long cycleCapCredits,
        boolean blocked, String planId, Instant cycleStartedAt, Instant cycleEndsAt) {

    static final long FULL_BASIS_POINTS = 10_000;

    /** An account without cap, not blocked, without a named cycle (for arithmetic and projections' tests). */
    public AccountBalance(long balanceCredits, long cycleCredits, long spentCycleCredits) {
        this(balanceCredits, cycleCredits, spentCycleCredits, null, false);
    }

    /** An account without a named cycle (for arithmetic and projections' tests). */
    public AccountBalance(long balanceCredits, long cycleCredits, long spentCycleCredits, Long cycleCapCredits,
            boolean blocked) {
        this(balanceCredits, cycleCredits, spentCycleCredits, cycleCapCredits, blocked, null, null, null);
    }

    /** A new account: its first cycle starts at the opening and never renews until a plan with a period starts one. */
    static AccountBalance opening(long startingCredits, String planId, Instant openedAt) {
        return new AccountBalance(startingCredits, startingCredits, 0, null, false, planId, openedAt, null);
    }

    AccountBalance withPlan(String newPlanId) {
        return new AccountBalance(balanceCredits, cycleCredits, spentCycleCredits, cycleCapCredits, blocked, newPlanId,
                cycleStartedAt, cycleEndsAt);
    }

    /**
     * The first state of a new cycle: {@code removedCredits} of unspent allowance out, {@code grantedCredits} of new
     * allowance in; the cycle's credits are the balance, nothing spent yet. Throws on long overflow.
     */
    AccountBalance renewed(long removedCredits, long grantedCredits, Instant startedAt, Instant endsAt) {
        long balance = Math.addExact(Math.subtractExact(balanceCredits, removedCredits), grantedCredits);
        return new AccountBalance(balance, balance, 0, cycleCapCredits, blocked, planId, startedAt, endsAt);
    }

    /**
     * What the user may still spend: the balance, lowered to what the cycle cap still allows. This is the
     * {@code balance} the gateway admits against (Redis), so a cap needs nothing from the gateway.
     */
    public long spendableCredits() {
        if (cycleCapCredits == null) {
            return balanceCredits;
        }
        return Math.min(balanceCredits, cycleCapCredits - spentCycleCredits);
    }

    /** BLOCKED when an admin blocked the user, else ACTIVE while something is spendable, else EXHAUSTED. */
    public AccountStatus status() {
        if (blocked) {
            return AccountStatus.BLOCKED;
        }
        return AccountStatus.of(spendableCredits());
    }

    AccountBalance withBlocked(boolean blockedNow) {
        return new AccountBalance(balanceCredits, cycleCredits, spentCycleCredits, cycleCapCredits, blockedNow, planId,
                cycleStartedAt, cycleEndsAt);
    }

    AccountBalance withCycleCap(Long capCredits) {
        return new AccountBalance(balanceCredits, cycleCredits, spentCycleCredits, capCredits, blocked, planId,
                cycleStartedAt, cycleEndsAt);
    }

    /** The balance after a usage charge; throws {@link ArithmeticException} on long overflow. */
    AccountBalance charged(long costCredits) {
        return new AccountBalance(Math.subtractExact(balanceCredits, costCredits), cycleCredits,
                Math.addExact(spentCycleCredits, costCredits), cycleCapCredits, blocked, planId, cycleStartedAt,
                cycleEndsAt);
    }

    /** The balance after a grant or purchase; throws {@link ArithmeticException} on long overflow. */
    AccountBalance granted(long amountCredits) {
        return new AccountBalance(Math.addExact(balanceCredits, amountCredits),
                Math.addExact(cycleCredits, amountCredits), spentCycleCredits, cycleCapCredits, blocked, planId,
                cycleStartedAt, cycleEndsAt);
    }

    /** The balance after credits were taken back (expiry, revocation, refund); they leave the cycle too. */
    AccountBalance removed(long amountCredits) {
        return new AccountBalance(Math.subtractExact(balanceCredits, amountCredits),
                Math.subtractExact(cycleCredits, amountCredits), spentCycleCredits, cycleCapCredits, blocked, planId,
                cycleStartedAt, cycleEndsAt);
    }

    /**
     * Used / credits of the cycle in basis points (10,000 = 100 %), rounded down; 10,000 when the cycle has
     * no credits but something was spent, 0 when nothing was. Exact integer arithmetic: no double near money.
     */
    public long utilisationBasisPoints() {
        if (spentCycleCredits <= 0) {
            return 0;
        }
        if (cycleCredits <= 0) {
            return FULL_BASIS_POINTS;
        }
        return java.math.BigInteger.valueOf(spentCycleCredits).multiply(java.math.BigInteger.valueOf(FULL_BASIS_POINTS))
                .divide(java.math.BigInteger.valueOf(cycleCredits)).longValueExact();
    }

    /** Within one cycle only grants, usage and take-backs move money, so the balance is their difference. */
    boolean consistent() {
        return spentCycleCredits >= 0 && balanceCredits == cycleCredits - spentCycleCredits;
    }
}
