package io.creditgate.ledger.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Usage aggregated from the statement: by day, by model, top users. Read from the quarter-hour aggregate
 * {@code usage_bucket} plus the few statement lines ({@code account_transaction}, type USAGE) of the quarter hours a
 * window cuts ({@link Parts}, decision 55), so the answer equals the sum of the lines whatever the window and zone.
 * Cost is in credits; a call is one charged {@code UsageRecorded}.
 */
@Component
class UsageReports {

    private final JdbcTemplate jdbc;

    UsageReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals of one bucket (a day, a model or a user). */
    record UsageTotals(long calls, long costCredits, long promptTokens, long cachedPromptTokens, long completionTokens,
            long reasoningTokens) {

        static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0, 0, 0);
        static final List<String> CSV_HEADER = List.of("calls", "costCredits", "promptTokens", "cachedPromptTokens",
                "completionTokens", "reasoningTokens");

        List<Object> csv() {
            return List.of(calls, costCredits, promptTokens, cachedPromptTokens, completionTokens, reasoningTokens);
        }
    }

    record DayUsage(LocalDate day, UsageTotals usage) {
    }

    record ModelUsage(String model, UsageTotals usage) {
    }

    record UserUsage(String userId, UsageTotals usage) {
    }

    private static final String TOTALS = """
            sum(calls) AS calls, sum(cost) AS cost, sum(prompt) AS prompt, sum(cached) AS cached,
            sum(completion) AS completion, sum(reasoning) AS reasoning""";

    /** Every day of the window in its zone, days without usage included (zeros), oldest first. */
    List<DayUsage> byDay(TimeRange range, String userId, String model) {
        Parts parts = Parts.of(range, userId, model, true);
        List<Object> args = new ArrayList<>(parts.args());
        args.add(range.zone().getId());
        Map<LocalDate, UsageTotals> found = new LinkedHashMap<>();
        jdbc.query(parts.sql() + "SELECT (at AT TIME ZONE ?)::date AS day, " + TOTALS + " FROM parts GROUP BY 1", rs -> {
            found.put(rs.getObject("day", LocalDate.class), totals(rs));
        }, args.toArray());
        List<DayUsage> days = new ArrayList<>();
        LocalDate last = range.to().minusNanos(1).atZone(range.zone()).toLocalDate();
        for (LocalDate day = range.from().atZone(range.zone()).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(new DayUsage(day, found.getOrDefault(day, UsageTotals.NONE)));
        }
        return days;
    }

    /** Every model used in the window, most expensive first. */
    List<ModelUsage> byModel(TimeRange range, String userId) {
        Parts parts = Parts.of(range, userId, null, false);
        return jdbc.query(parts.sql() + "SELECT model, " + TOTALS + " FROM parts GROUP BY model ORDER BY cost DESC, model",
                (rs, row) -> new ModelUsage(rs.getString("model"), totals(rs)), parts.args().toArray());
    }

    /** The users who spent most in the window, most expensive first. */
    List<UserUsage> topUsers(TimeRange range, String model, int limit) {
        Parts parts = Parts.of(range, null, model, false);
        List<Object> args = new ArrayList<>(parts.args());
        args.add(limit);
        return jdbc.query(parts.sql() + "SELECT user_id, " + TOTALS
                + " FROM parts GROUP BY user_id ORDER BY cost DESC, user_id LIMIT ?",
                (rs, row) -> new UserUsage(rs.getString("user_id"), totals(rs)), args.toArray());
    }

    /**
     * Where a window's usage is read (decision 55): the quarter hours wholly inside it from {@code usage_bucket}, and
     * the rest from the statement lines: the window's unaligned edges and, for a report by day, any quarter hour that a
     * day boundary of the zone cuts (none in today's zones, whose offsets are whole quarter hours; the zone database
     * also holds old local mean times such as -03:06:28). Both sides yield rows {@code (at, user_id, model, calls,
     * cost, prompt, cached, completion, reasoning)} in a CTE {@code parts}, so the sums are exact whatever the window.
     *
     * @param bucketsFrom first whole bucket (inclusive); equal to {@code bucketsTo} when there is none
     * @param excluded whole buckets read from the lines instead (cut by a day boundary)
     * @param raw {@code [from, to)} ranges read from the lines
     */
    record Parts(Instant bucketsFrom, Instant bucketsTo, List<Instant> excluded, List<Instant[]> raw, String userId,
            String model) {

        private static final Duration BUCKET = Duration.ofSeconds(UsageWrites.BUCKET_SECONDS);

        static Parts of(TimeRange range, String userId, String model, boolean byDay) {
            Instant from = range.from();
            Instant to = range.to();
            Instant alignedFrom = ceil(from);
            Instant alignedTo = UsageWrites.bucketStart(to);
            List<Instant[]> raw = new ArrayList<>();
            List<Instant> excluded = new ArrayList<>();
            if (!alignedFrom.isBefore(alignedTo)) {
                raw.add(new Instant[] {from, to});
                return new Parts(from, from, excluded, raw, userId, model);
            }
            if (from.isBefore(alignedFrom)) {
                raw.add(new Instant[] {from, alignedFrom});
            }
            if (alignedTo.isBefore(to)) {
                raw.add(new Instant[] {alignedTo, to});
            }
            if (byDay) {
                LocalDate day = alignedFrom.atZone(range.zone()).toLocalDate().plusDays(1);
                for (Instant start = day.atStartOfDay(range.zone()).toInstant(); start.isBefore(alignedTo);
                        day = day.plusDays(1), start = day.atStartOfDay(range.zone()).toInstant()) {
                    Instant bucket = UsageWrites.bucketStart(start);
                    if (!bucket.equals(start)) {
                        excluded.add(bucket);
                        raw.add(new Instant[] {bucket, bucket.plus(BUCKET)});
                    }
                }
            }
            return new Parts(alignedFrom, alignedTo, excluded, raw, userId, model);
        }

        private static Instant ceil(Instant at) {
            Instant floor = UsageWrites.bucketStart(at);
            return floor.equals(at) ? at : floor.plus(BUCKET);
        }

        /**
         * The CTE {@code parts}: one SELECT of the whole buckets, one per range read from the lines. Instants go as
         * plain parameters (an array literal cast in SQL would be parsed again for every row: the cast is not constant).
         */
        String sql() {
            String filter = (userId != null ? " AND user_id = ?" : "") + (model != null ? " AND model = ?" : "");
            List<String> selects = new ArrayList<>();
            if (bucketsFrom.isBefore(bucketsTo)) {
                selects.add("""
                        SELECT bucket_start AS at, user_id, model, calls, cost_credits AS cost, prompt, cached, completion,
                               reasoning
                        FROM usage_bucket WHERE bucket_start >= ? AND bucket_start < ?"""
                        + (excluded.isEmpty() ? "" : " AND bucket_start NOT IN (" + "?, ".repeat(excluded.size() - 1) + "?)")
                        + filter);
            }
            for (int i = 0; i < raw.size(); i++) {
                selects.add("""
                        SELECT occurred_at, user_id, model, 1, -amount_credits, COALESCE(prompt_tokens, 0),
                               COALESCE(cached_prompt_tokens, 0), COALESCE(completion_tokens, 0),
                               COALESCE(reasoning_tokens, 0)
                        FROM account_transaction WHERE type = 'USAGE' AND occurred_at >= ? AND occurred_at < ?""" + filter);
            }
            return "WITH parts (at, user_id, model, calls, cost, prompt, cached, completion, reasoning) AS (\n"
                    + String.join("\nUNION ALL\n", selects) + ")\n";
        }

        List<Object> args() {
            List<Object> args = new ArrayList<>();
            if (bucketsFrom.isBefore(bucketsTo)) {
                args.add(Timestamp.from(bucketsFrom));
                args.add(Timestamp.from(bucketsTo));
                excluded.forEach(bucket -> args.add(Timestamp.from(bucket)));
                addFilter(args);
            }
            for (Instant[] range : raw) {
                args.add(Timestamp.from(range[0]));
                args.add(Timestamp.from(range[1]));
                addFilter(args);
            }
            return args;
        }

        private void addFilter(List<Object> args) {
            if (userId != null) {
                args.add(userId);
            }
            if (model != null) {
                args.add(model);
            }
        }
    }

    private static UsageTotals totals(ResultSet rs) throws SQLException {
        return new UsageTotals(rs.getLong("calls"), rs.getLong("cost"), rs.getLong("prompt"), rs.getLong("cached"),
                rs.getLong("completion"), rs.getLong("reasoning"));
    }
}
