package io.creditgate.alert.detection;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the detection topology decides with; plain values, no Spring, so tests build one directly.
 *
 * @param thresholds the alert thresholds, any order (utilisation ones in basis points, low balance in credits)
 * @param zone the calendar of the daily and hourly spend windows
 * @param unusualSpend when a burst of spend counts as unusual
 * @param dedupeRetention how long a usage eventId is remembered to drop its duplicates
 * @param dailyWindowRetention how long daily spend windows are kept in the state store
 */
public record AlertConfig(
        List<Threshold> thresholds,
        ZoneId zone,
        UnusualSpendRule unusualSpend,
        Duration dedupeRetention,
        Duration dailyWindowRetention) {

    public AlertConfig {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(unusualSpend, "unusualSpend");
        thresholds = thresholds.stream().distinct().sorted(Comparator.comparingLong(Threshold::severity)).toList();
        if (dedupeRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("dedupe retention must be at least a minute");
        }
        if (dailyWindowRetention.compareTo(Duration.ofDays(2)) < 0) {
            throw new IllegalArgumentException("daily window retention must be at least two days");
        }
    }

    /** 50 %, 80 %, 100 % of the cycle's credits and 100,000 credits (0.10 USD) left; Europe/Lisbon. */
    public static AlertConfig defaults() {
        return new AlertConfig(
                List.of(Threshold.utilisationPercent(50), Threshold.utilisationPercent(80), Threshold.utilisationPercent(100),
                        Threshold.lowBalance(100_000)),
                ZoneId.of("Europe/Lisbon"), UnusualSpendRule.defaults(), Duration.ofDays(2), Duration.ofDays(35));
    }

    public AlertConfig withThresholds(List<Threshold> replaced) {
        return new AlertConfig(replaced, zone, unusualSpend, dedupeRetention, dailyWindowRetention);
    }

    public AlertConfig withUnusualSpend(UnusualSpendRule replaced) {
        return new AlertConfig(thresholds, zone, replaced, dedupeRetention, dailyWindowRetention);
    }

    /**
     * A burst is unusual when the spend of the last {@code window}, as an hourly rate, exceeds
     * {@code factorPercent}/100 times the user's average hourly spend over the {@code lookbackHours}
     * complete hours before it.
     *
     * @param factorPercent N in percent (300 = 3x)
     * @param window the recent window (15 minutes by default), whole minutes
     * @param lookbackHours hours of history the average is taken over
     * @param minWindowCredits a burst below this many credits is never unusual (keeps tiny users quiet)
     * @param cooldown at most one UnusualSpend per user in this time
     */
    public record UnusualSpendRule(long factorPercent, Duration window, int lookbackHours, long minWindowCredits,
                                   Duration cooldown) {

        public UnusualSpendRule {
            if (factorPercent < 100) {
                throw new IllegalArgumentException("unusual-spend factor must be at least 100 % (1x)");
            }
            if (window.toMinutes() < 1 || window.toMinutes() > 60 || window.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("unusual-spend window must be whole minutes between 1 and 60");
            }
            if (lookbackHours < 1 || lookbackHours > 24 * 7) {
                throw new IllegalArgumentException("unusual-spend lookback must be between 1 and 168 hours");
            }
            if (minWindowCredits < 0 || cooldown.isNegative()) {
                throw new IllegalArgumentException("unusual-spend minimum and cooldown must not be negative");
            }
        }

        public static UnusualSpendRule defaults() {
            return new UnusualSpendRule(300, Duration.ofMinutes(15), 24, 100_000, Duration.ofHours(1));
        }
    }
}
