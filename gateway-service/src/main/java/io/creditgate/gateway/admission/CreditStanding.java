package io.creditgate.gateway.admission;

/**
 * Where a user stands at one moment, as admission sees it (docs/architecture.md, the admission contract).
 *
 * @param balanceCredits the balance the ledger projected (or the starting credits of a user it has not seen)
 * @param pendingCredits the sum of the user's pending entries: reservations of calls in flight and costs
 *     charged but not yet folded by the ledger
 * @param cycleCredits the credits of the current cycle, or null when the ledger has not written them
 * @param spentCycleCredits the usage the ledger has folded in the current cycle, or null when not written
 */
public record CreditStanding(long balanceCredits, long pendingCredits, Long cycleCredits, Long spentCycleCredits) {

    /** What admission would grant now: balance minus pending (negative by at most one call's overshoot). */
    public long availableCredits() {
        return balanceCredits - pendingCredits;
    }

    /** True when the cycle's credits and their use are both known. */
    public boolean knowsCycle() {
        return cycleCredits != null && spentCycleCredits != null && cycleCredits > 0;
    }
}
