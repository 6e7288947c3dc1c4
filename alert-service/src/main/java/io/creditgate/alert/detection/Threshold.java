package io.creditgate.alert.detection;

import io.creditgate.schemas.event.AccountBalanceChanged;

/**
 * One alert threshold.
 *
 * @param kind what is compared
 * @param value basis points of the cycle's credits for {@link Kind#UTILISATION} (8000 = 80 %), credits
 *     for {@link Kind#LOW_BALANCE}
 */
public record Threshold(Kind kind, long value) {

    /** Low balance ranks just below 100 %: more urgent than any partial share, less than nothing left. */
    private static final long LOW_BALANCE_SEVERITY = 9_999;
    /**
     * Below this balance a cycle counts as used up (the 100 % threshold), though a few credits remain. The
     * gateway caps a call's output at what the user can afford, so spending stops short of 100 %: the last
     * call leaves less than the price of one output token, and the next is refused (402) once its prompt and
     * one output token cost more than what is left. 100 credits (0.0001 USD) is more than that dust for every
     * priced model and less than any useful call, so the user hears "used up" exactly when calls stop.
     */
    static final long USED_UP_BELOW_CREDITS = 100;
    private static final long ALL = 10_000;

    public enum Kind { UTILISATION, LOW_BALANCE }

    public Threshold {
        if (value < 0 || (kind == Kind.UTILISATION && (value == 0 || value > 10_000))) {
            throw new IllegalArgumentException("a utilisation threshold is 1..10000 basis points, a low balance >= 0 credits: "
                    + kind + " " + value);
        }
    }

    public static Threshold utilisationPercent(int percent) {
        return new Threshold(Kind.UTILISATION, percent * 100L);
    }

    public static Threshold lowBalance(long credits) {
        return new Threshold(Kind.LOW_BALANCE, credits);
    }

    /** Stable name in the state store, e.g. {@code UTILISATION:8000}. */
    String id() {
        return kind + ":" + value;
    }

    long severity() {
        return kind == Kind.UTILISATION ? value : LOW_BALANCE_SEVERITY;
    }

    boolean crossedBy(AccountBalanceChanged change) {
        return switch (kind) {
            case UTILISATION -> utilisationBasisPoints(change) >= value || (value == ALL && usedUp(change));
            case LOW_BALANCE -> change.getBalanceCredits() <= value;
        };
    }

    /** Something was spent in the cycle and what is left cannot pay a call. */
    private static boolean usedUp(AccountBalanceChanged change) {
        return change.getSpentCycleCredits() > 0 && change.getBalanceCredits() < USED_UP_BELOW_CREDITS;
    }

    /**
     * spent / cycle credits in basis points, rounded down, computed here rather than read from the event so
     * that events written before the field existed are judged the same. A cycle with no credits is fully
     * used once anything was spent or nothing is left: such a user's calls are refused and must be told.
     */
    static long utilisationBasisPoints(AccountBalanceChanged change) {
        long cycle = change.getCycleCredits();
        long spent = change.getSpentCycleCredits();
        if (cycle <= 0) {
            return spent > 0 || change.getBalanceCredits() <= 0 ? 10_000 : 0;
        }
        if (spent <= 0) {
            return 0;
        }
        return java.math.BigInteger.valueOf(spent).multiply(java.math.BigInteger.valueOf(10_000))
                .divide(java.math.BigInteger.valueOf(cycle)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }
}
