package io.creditgate.alert.detection;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Calendar hours and days in one zone. Kafka Streams' own windows are aligned to the epoch (UTC); a day in
 * Lisbon or São Paulo is not, and a DST day lasts 23 or 25 hours, so window bounds are computed here.
 */
record CalendarWindows(ZoneId zone) {

    record Bounds(long startMs, long endMs) {
    }

    Bounds hourOf(long timestampMs) {
        ZonedDateTime start = Instant.ofEpochMilli(timestampMs).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        return new Bounds(start.toInstant().toEpochMilli(), start.plusHours(1).toInstant().toEpochMilli());
    }

    Bounds dayOf(long timestampMs) {
        ZonedDateTime start = Instant.ofEpochMilli(timestampMs).atZone(zone).toLocalDate().atStartOfDay(zone);
        return new Bounds(start.toInstant().toEpochMilli(), start.plusDays(1).toInstant().toEpochMilli());
    }
}
