package io.creditgate.ledger.query;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.creditgate.web.ApiException;

/**
 * A query's time window {@code [from, to)} and the zone its days are counted in. {@code from} and {@code to} take an
 * ISO-8601 date ({@code 2026-11-01}, the start of that day in the zone) or instant ({@code 2026-11-01T00:00:00Z});
 * anything else, a {@code from} not before {@code to}, or a window over {@link #MAX_DAYS} days is a 400.
 */
record TimeRange(Instant from, Instant to, ZoneId zone) {

    static final int MAX_DAYS = 1_000;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    /**
     * @param from null = 30 days before {@code to}
     * @param to null = {@code now}
     * @param zone null = {@code defaultZone}
     */
    static TimeRange parse(String from, String to, String zone, ZoneId defaultZone, Instant now) {
        ZoneId zoneId = zone(zone, defaultZone);
        Instant end = to == null || to.isBlank() ? now : instant("to", to, zoneId);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_WINDOW) : instant("from", from, zoneId);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from (" + start + ") must be before to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw ApiException.badRequest("the window from " + start + " to " + end + " is longer than " + MAX_DAYS + " days");
        }
        return new TimeRange(start, end, zoneId);
    }

    /** Like {@link #parse} but both ends optional and unbounded (a statement filter). */
    static TimeRange optional(String from, String to, ZoneId zone) {
        Instant start = from == null || from.isBlank() ? null : instant("from", from, zone);
        Instant end = to == null || to.isBlank() ? null : instant("to", to, zone);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badRequest("from (" + start + ") must be before to (" + end + ")");
        }
        return new TimeRange(start, end, zone);
    }

    private static ZoneId zone(String zone, ZoneId defaultZone) {
        if (zone == null || zone.isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("zone '" + zone + "' is not a time zone id such as UTC or Europe/Berlin");
        }
    }

    private static Instant instant(String name, String value, ZoneId zone) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 date such as 2026-11-01 or an instant such as "
                    + "2026-11-01T00:00:00Z, was '" + value + "'");
        }
    }
}
