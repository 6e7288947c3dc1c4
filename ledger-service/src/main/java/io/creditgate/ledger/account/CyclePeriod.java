package io.creditgate.ledger.account;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** How often a plan's allowance renews; cycles are calendar-aligned in the plan's time zone. */
public enum CyclePeriod {
    /** The plan never renews: one cycle from assignment (or opening) on. */
    NONE,
    /** Renews at every local midnight. */
    DAILY,
    /** Renews every Monday at local midnight (ISO weeks). */
    WEEKLY,
    /** Renews on the first of every month at local midnight. */
    MONTHLY;

    /**
     * The first calendar boundary strictly after {@code from} in {@code zone}: the end of the cycle that contains
     * {@code from}; null for {@link #NONE}. A local midnight that a DST change skips resolves to the first instant
     * of that day ({@code atStartOfDay(zone)}).
     */
    public Instant cycleEnd(Instant from, ZoneId zone) {
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate next = switch (this) {
            case NONE -> null;
            case DAILY -> day.plusDays(1);
            case WEEKLY -> day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1).plusMonths(1);
        };
        return next == null ? null : next.atStartOfDay(zone).toInstant();
    }
}
