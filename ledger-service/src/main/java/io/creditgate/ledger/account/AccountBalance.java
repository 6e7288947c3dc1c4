package io.creditgate.ledger.account;

/**
 * The money of an account after a change, all in credits (1 credit = 1 micro-USD). Events carry
 * it so that every projection (read model, Redis, the account-events topic) publishes exactly the
 * state after that event without re-folding the stream, and the aggregate can check its own fold.
 *
 * @param balanceCredits what the user can still spend; negative by at most one call's overshoot
 * @param cycleCredits credits received in the current cycle (starting grant plus grants)
 * @param spentCycleCredits credits charged for usage in the current cycle
 */
public record AccountBalance(long balanceCredits, long cycleCredits, long spentCycleCredits) {

    static AccountBalance opening(long startingCredits) {
        return new AccountBalance(startingCredits, startingCredits, 0);
    }

    /** The balance after a usage charge; throws {@link ArithmeticException} on long overflow. */
    AccountBalance charged(long costCredits) {
        return new AccountBalance(Math.subtractExact(balanceCredits, costCredits), cycleCredits,
                Math.addExact(spentCycleCredits, costCredits));
    }

    /** The balance after a grant; throws {@link ArithmeticException} on long overflow. */
    AccountBalance granted(long amountCredits) {
        return new AccountBalance(Math.addExact(balanceCredits, amountCredits),
                Math.addExact(cycleCredits, amountCredits), spentCycleCredits);
    }

    /** Within one cycle nothing but grants and usage moves money, so the balance is their difference. */
    boolean consistent() {
        return cycleCredits >= 0 && spentCycleCredits >= 0 && balanceCredits == cycleCredits - spentCycleCredits;
    }
}
