package io.creditgate.alert.detection;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decides, from what a user's account looked like after one change, which thresholds cross and which
 * resolve. Pure: the same state and change always give the same result, so a reprocessed change repeats it.
 */
final class ThresholdEvaluator {

    static final String CREDITS_ADDED = "CREDITS_ADDED";
    static final String NEW_CYCLE = "NEW_CYCLE";
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    /** A pace measured over less than an hour of cycle is mostly noise; measure over at least this. */
    private static final long MIN_PACE_WINDOW_MS = Duration.ofHours(1).toMillis();

    /** The new state and the events to publish, in order (resolutions first, then crossings by severity). */
    record Outcome(ThresholdState state, List<SpecificRecord> events) {
    }

    private final List<Threshold> thresholds;

    ThresholdEvaluator(List<Threshold> thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param previous the user's state, or null for a user never seen
     * @return null when the change is a duplicate or older than one already folded (nothing changes)
     */
    Outcome evaluate(ThresholdState previous, AccountBalanceChanged change) {
        long cycle = change.getCycleStartedAt().toEpochMilli();
        if (previous != null && (change.getVersion() <= previous.lastVersion() || cycle < previous.cycleStartedAt())) {
            return null;
        }
        List<SpecificRecord> events = new ArrayList<>();
        Set<String> fired = new HashSet<>();
        if (previous != null) {
            fired.addAll(previous.fired());
            if (cycle > previous.cycleStartedAt()) {
                // The old cycle's alerts no longer apply; the new cycle's crossings fire afresh.
                List<Threshold> ended = thresholds.stream().filter(threshold -> fired.contains(threshold.id())).toList();
                for (int i = 0; i < ended.size(); i++) {
                    events.add(resolved(change, ended.get(i), NEW_CYCLE, i == ended.size() - 1));
                }
                fired.clear();
            }
        }
        List<Threshold> crossed = new ArrayList<>();
        List<Threshold> fellBelow = new ArrayList<>();
        for (Threshold threshold : thresholds) {
            boolean over = threshold.crossedBy(change);
            if (over && fired.add(threshold.id())) {
                crossed.add(threshold);
            } else if (!over && fired.remove(threshold.id())) {
                fellBelow.add(threshold);
            }
        }
        for (int i = 0; i < fellBelow.size(); i++) {
            events.add(resolved(change, fellBelow.get(i), CREDITS_ADDED, i == fellBelow.size() - 1));
        }
        for (int i = 0; i < crossed.size(); i++) {
            // Thresholds are sorted by severity, so the last one crossed is the one the user is told about.
            events.add(crossing(change, crossed.get(i), i == crossed.size() - 1));
        }
        return new Outcome(new ThresholdState(change.getVersion(), cycle, fired), events);
    }

    private static ThresholdCrossed crossing(AccountBalanceChanged change, Threshold threshold, boolean mostSevere) {
        long pace = creditsPerDay(change);
        return ThresholdCrossed.newBuilder()
                .setEventId(AlertIds.of("crossed", change.getUserId(), Long.toString(change.getCycleStartedAt().toEpochMilli()),
                        threshold.id(), Long.toString(change.getVersion())))
                .setOccurredAt(change.getOccurredAt())
                .setUserId(change.getUserId())
                .setThresholdKind(threshold.kind().name())
                .setThresholdValue(threshold.value())
                .setCycleStartedAt(change.getCycleStartedAt())
                .setCycleEndsAt(change.getCycleEndsAt())
                .setUtilisationBasisPoints(Threshold.utilisationBasisPoints(change))
                .setBalanceCredits(change.getBalanceCredits())
                .setCycleCredits(change.getCycleCredits())
                .setSpentCycleCredits(change.getSpentCycleCredits())
                .setCauseEventId(change.getEventId())
                .setAccountVersion(change.getVersion())
                .setMostSevere(mostSevere)
                .setForecastCreditsPerDay(pace)
                .setForecastDepletionAt(depletionAt(change, pace))
                .build();
    }

    private static ThresholdResolved resolved(AccountBalanceChanged change, Threshold threshold, String reason, boolean mostSevere) {
        return ThresholdResolved.newBuilder()
                .setEventId(AlertIds.of("resolved", change.getUserId(), threshold.id(), Long.toString(change.getVersion())))
                .setOccurredAt(change.getOccurredAt())
                .setUserId(change.getUserId())
                .setThresholdKind(threshold.kind().name())
                .setThresholdValue(threshold.value())
                .setCycleStartedAt(change.getCycleStartedAt())
                .setUtilisationBasisPoints(Threshold.utilisationBasisPoints(change))
                .setBalanceCredits(change.getBalanceCredits())
                .setCauseEventId(change.getEventId())
                .setAccountVersion(change.getVersion())
                .setReason(reason)
                .setMostSevere(mostSevere)
                .build();
    }

    /**
     * The cycle's spend per day so far: spent credits over the time since the cycle began (at least an hour).
     * 0 when unknown: nothing spent, or a change written before cycles were named.
     */
    static long creditsPerDay(AccountBalanceChanged change) {
        long started = change.getCycleStartedAt().toEpochMilli();
        long spent = change.getSpentCycleCredits();
        if (started <= 0 || spent <= 0) {
            return 0;
        }
        long elapsed = Math.max(MIN_PACE_WINDOW_MS, change.getOccurredAt().toEpochMilli() - started);
        return BigInteger.valueOf(spent).multiply(BigInteger.valueOf(DAY_MS)).divide(BigInteger.valueOf(elapsed))
                .min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    /** When the balance reaches zero at {@code creditsPerDay}; epoch 0 when unknown or already empty. */
    static Instant depletionAt(AccountBalanceChanged change, long creditsPerDay) {
        long balance = change.getBalanceCredits();
        if (creditsPerDay <= 0 || balance <= 0) {
            return Instant.EPOCH;
        }
        long msLeft = BigInteger.valueOf(balance).multiply(BigInteger.valueOf(DAY_MS)).divide(BigInteger.valueOf(creditsPerDay))
                .min(BigInteger.valueOf(Duration.ofDays(365L * 100).toMillis())).longValue();
        return change.getOccurredAt().plusMillis(msLeft);
    }
}
