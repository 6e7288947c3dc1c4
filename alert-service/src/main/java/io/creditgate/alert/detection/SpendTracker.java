package io.creditgate.alert.detection;

import java.time.Duration;
import java.time.Instant;

import io.creditgate.schemas.event.SpendWindowUpdated;
import io.creditgate.schemas.event.UnusualSpend;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Adds each usage event once (deduplicated by eventId) to the user's calendar hour and day, publishes both
 * windows for dashboards, and raises {@link UnusualSpend} when the last minutes' spend rate is far above the
 * user's trailing hourly average. All time is event time (the usage's occurredAt).
 */
final class SpendTracker implements Processor<String, SpecificRecord, String, SpecificRecord> {

    static final String DEDUPE_STORE = "usage-dedupe";
    static final String HOURLY_STORE = "spend-hourly";
    static final String DAILY_STORE = "spend-daily";
    static final String MINUTE_STORE = "spend-minutes";
    static final String UNUSUAL_STORE = "unusual-spend-last";
    static final String HOUR = "HOUR";
    static final String DAY = "DAY";
    static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private final AlertConfig config;
    private final CalendarWindows calendar;
    private ProcessorContext<String, SpecificRecord> context;
    private WindowStore<String, Long> seen;
    private WindowStore<String, SpendTotals> hourly;
    private WindowStore<String, SpendTotals> daily;
    private WindowStore<String, Long> minutes;
    private KeyValueStore<String, Long> lastUnusual;

    SpendTracker(AlertConfig config) {
        this.config = config;
        this.calendar = new CalendarWindows(config.zone());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(DEDUPE_STORE);
        this.hourly = context.getStateStore(HOURLY_STORE);
        this.daily = context.getStateStore(DAILY_STORE);
        this.minutes = context.getStateStore(MINUTE_STORE);
        this.lastUnusual = context.getStateStore(UNUSUAL_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (!(record.value() instanceof UsageRecorded usage)) {
            return;
        }
        long at = usage.getOccurredAt().toEpochMilli();
        String userId = usage.getUserId();
        // A duplicate carries the same eventId and occurredAt, so an exact lookup finds it.
        if (seen.fetch(usage.getEventId(), at) != null) {
            return;
        }
        seen.put(usage.getEventId(), 1L, at);
        long cost = Math.max(0, usage.getCostCredits());
        publish(record, usage, HOUR, calendar.hourOf(at), add(hourly, userId, calendar.hourOf(at).startMs(), cost));
        publish(record, usage, DAY, calendar.dayOf(at), add(daily, userId, calendar.dayOf(at).startMs(), cost));
        long minute = Math.floorDiv(at, MINUTE_MS) * MINUTE_MS;
        Long inMinute = minutes.fetch(userId, minute);
        minutes.put(userId, (inMinute == null ? 0 : inMinute) + cost, minute);
        checkUnusual(record, usage, at, minute);
    }

    private static SpendTotals add(WindowStore<String, SpendTotals> store, String userId, long windowStart, long cost) {
        SpendTotals totals = store.fetch(userId, windowStart);
        SpendTotals updated = (totals == null ? SpendTotals.NONE : totals).plus(cost);
        store.put(userId, updated, windowStart);
        return updated;
    }

    private void publish(Record<String, SpecificRecord> record, UsageRecorded usage, String window,
                         CalendarWindows.Bounds bounds, SpendTotals totals) {
        SpendWindowUpdated update = SpendWindowUpdated.newBuilder()
                .setEventId(usage.getEventId() + ":" + window + ":" + bounds.startMs())
                .setOccurredAt(usage.getOccurredAt())
                .setUserId(usage.getUserId())
                .setWindow(window)
                .setZone(config.zone().getId())
                .setWindowStartedAt(Instant.ofEpochMilli(bounds.startMs()))
                .setWindowEndsAt(Instant.ofEpochMilli(bounds.endMs()))
                .setSpentCredits(totals.spentCredits())
                .setCalls(totals.calls())
                .build();
        context.forward(new Record<String, SpecificRecord>(usage.getUserId(), update, record.timestamp()), AlertTopology.SPEND_SINK);
    }

    private void checkUnusual(Record<String, SpecificRecord> record, UsageRecorded usage, long at, long minute) {
        AlertConfig.UnusualSpendRule rule = config.unusualSpend();
        long windowMs = rule.window().toMillis();
        // A late event describes a past burst; alerting on it now would only confuse.
        if (at < context.currentStreamTimeMs() - windowMs) {
            return;
        }
        long windowStart = minute - windowMs + MINUTE_MS;
        long recent = sum(minutes, usage.getUserId(), windowStart, minute);
        if (recent < rule.minWindowCredits() || recent == 0) {
            return;
        }
        long lookbackEnd = calendar.hourOf(windowStart).startMs();
        long lookbackStart = lookbackEnd - rule.lookbackHours() * HOUR_MS;
        Observed observed = observe(hourly, usage.getUserId(), lookbackStart, lookbackEnd - 1);
        if (observed.spentCredits() <= 0) {
            return; // no history, no average to be unusual against
        }
        // Averaged over the hours since the user's first spend in the lookback: a user seen for two hours has a
        // two-hour average, not a 24-hour one diluted by hours before they existed.
        long history = observed.spentCredits();
        long hours = Math.max(1, (lookbackEnd - observed.firstHourMs()) / HOUR_MS);
        // recent/window as an hourly rate > factor * history/hours, kept in integers:
        // recent * HOUR * hours * 100 > factorPercent * history * window.
        java.math.BigInteger left = java.math.BigInteger.valueOf(recent).multiply(java.math.BigInteger.valueOf(HOUR_MS))
                .multiply(java.math.BigInteger.valueOf(hours * 100L));
        java.math.BigInteger right = java.math.BigInteger.valueOf(rule.factorPercent()).multiply(java.math.BigInteger.valueOf(history))
                .multiply(java.math.BigInteger.valueOf(windowMs));
        if (left.compareTo(right) <= 0) {
            return;
        }
        Long last = lastUnusual.get(usage.getUserId());
        if (last != null && at - last < rule.cooldown().toMillis()) {
            return;
        }
        lastUnusual.put(usage.getUserId(), at);
        UnusualSpend alert = UnusualSpend.newBuilder()
                .setEventId(AlertIds.of("unusual", usage.getUserId(), usage.getEventId()))
                .setOccurredAt(usage.getOccurredAt())
                .setUserId(usage.getUserId())
                .setWindowStartedAt(Instant.ofEpochMilli(windowStart))
                .setWindowEndsAt(Instant.ofEpochMilli(minute + MINUTE_MS))
                .setWindowSpentCredits(recent)
                .setTrailingHourlyAverageCredits(history / hours)
                .setFactorPercent(rule.factorPercent())
                .setCauseEventId(usage.getEventId())
                .build();
        context.forward(new Record<String, SpecificRecord>(usage.getUserId(), alert, record.timestamp()), AlertTopology.ALERT_SINK);
    }

    private static long sum(WindowStore<String, Long> store, String userId, long from, long to) {
        long total = 0;
        try (WindowStoreIterator<Long> buckets = store.fetch(userId, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
            while (buckets.hasNext()) {
                KeyValue<Long, Long> bucket = buckets.next();
                total += bucket.value;
            }
        }
        return total;
    }

    /** Credits spent in the hourly buckets starting in [from, to], and the start of the first non-empty one. */
    private record Observed(long spentCredits, long firstHourMs) {
    }

    private static Observed observe(WindowStore<String, SpendTotals> store, String userId, long from, long to) {
        long total = 0;
        long first = Long.MAX_VALUE;
        try (WindowStoreIterator<SpendTotals> buckets = store.fetch(userId, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
            while (buckets.hasNext()) {
                KeyValue<Long, SpendTotals> bucket = buckets.next();
                if (bucket.value.spentCredits() > 0) {
                    total += bucket.value.spentCredits();
                    first = Math.min(first, bucket.key);
                }
            }
        }
        return new Observed(total, first);
    }
}
