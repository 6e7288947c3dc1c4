package io.creditgate.ledger.account;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * The terms of a plan as the journal records them (in {@link AccountOpened} and {@link PlanAssigned}), so a replay
 * never depends on today's configuration: a plan changed in the configuration applies to a user only when it is
 * assigned again.
 *
 * @param planId 1–100 of {@code [A-Za-z0-9._-]}
 * @param period how often the allowance renews; NONE = never (the allowance is given once, at assignment)
 * @param allowanceCredits credits of each cycle's allowance grant (0 or more)
 * @param rollover RESET or CAPPED
 * @param rolloverCapCredits with CAPPED, the most unspent allowance that carries into the next cycle (0 or more)
 * @param timeZone the zone whose calendar aligns the cycles, e.g. {@code Europe/Berlin}
 * @param renewedBy CLOCK (the calendar renews the cycle) or PAYMENT (only a paid invoice does); absent in terms
 *     written before subscriptions = CLOCK
 */
public record PlanTerms(String planId, CyclePeriod period, long allowanceCredits, Rollover rollover,
        long rolloverCapCredits, String timeZone, RenewedBy renewedBy) {

    public PlanTerms {
        renewedBy = renewedBy == null ? RenewedBy.CLOCK : renewedBy;
    }

    /** Terms renewed by the clock. */
    public PlanTerms(String planId, CyclePeriod period, long allowanceCredits, Rollover rollover,
            long rolloverCapCredits, String timeZone) {
        this(planId, period, allowanceCredits, rollover, rolloverCapCredits, timeZone, RenewedBy.CLOCK);
    }

    /** Whether only a paid invoice starts this plan's next cycle. */
    public boolean renewedByPayment() {
        return renewedBy == RenewedBy.PAYMENT;
    }

    public static final String DEFAULT_PLAN_ID = "default";
    private static final Pattern PLAN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** A plan without allowance that never renews: what every account had before plans existed. */
    public static PlanTerms oneOff(String planId) {
        return new PlanTerms(planId, CyclePeriod.NONE, 0, Rollover.RESET, 0, "UTC");
    }

    /** Null when the terms are valid, else what is wrong. */
    public String problem() {
        if (planId == null || !PLAN_ID.matcher(planId).matches()) {
            return "planId must be 1 to 100 characters of letters, digits, '.', '_' or '-'";
        }
        if (period == null || rollover == null) {
            return "period and rollover are required";
        }
        if (renewedBy == RenewedBy.PAYMENT && period == CyclePeriod.NONE) {
            return "a plan renewed by payment needs a period (the cycle an invoice pays for when assigned by hand)";
        }
        if (allowanceCredits < 0 || rolloverCapCredits < 0) {
            return "allowanceCredits and rolloverCapCredits must not be negative";
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            return "timeZone '" + timeZone + "' is not a time zone id";
        }
        return null;
    }

    /** Whether the account needs a cycle start (an allowance grant) when it opens on these terms. */
    boolean startsCycleOnOpening() {
        return period != CyclePeriod.NONE || allowanceCredits > 0;
    }

    /** When the cycle starting at {@code start} renews; null when the plan never renews. */
    public Instant cycleEnd(Instant start) {
        return period.cycleEnd(start, ZoneId.of(timeZone));
    }

    /** The part of {@code unspentAllowance} that carries into the next cycle. */
    long rolledOver(long unspentAllowance) {
        return rollover == Rollover.CAPPED ? Math.min(unspentAllowance, rolloverCapCredits) : 0;
    }
}
