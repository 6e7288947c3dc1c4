package io.creditgate.ledger.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Usage aggregated from the statement ({@code account_transaction}, type USAGE): by day, by model, top users. Cost is
 * in credits; a call is one charged {@code UsageRecorded}.
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
            count(*) AS calls, COALESCE(-sum(amount_credits), 0) AS cost, COALESCE(sum(prompt_tokens), 0) AS prompt,
            COALESCE(sum(cached_prompt_tokens), 0) AS cached, COALESCE(sum(completion_tokens), 0) AS completion,
            COALESCE(sum(reasoning_tokens), 0) AS reasoning""";

    /** Every day of the window in its zone, days without usage included (zeros), oldest first. */
    List<DayUsage> byDay(TimeRange range, String userId, String model) {
        Filter filter = filter(range, userId, model);
        List<Object> args = new ArrayList<>();
        args.add(range.zone().getId());
        args.addAll(filter.args);
        Map<LocalDate, UsageTotals> found = new LinkedHashMap<>();
        jdbc.query("SELECT (occurred_at AT TIME ZONE ?)::date AS day, " + TOTALS + " FROM account_transaction"
                + filter.where + " GROUP BY 1", rs -> {
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
        Filter filter = filter(range, userId, null);
        return jdbc.query("SELECT model, " + TOTALS + " FROM account_transaction" + filter.where
                + " GROUP BY model ORDER BY cost DESC, model", (rs, row) -> new ModelUsage(rs.getString("model"), totals(rs)),
                filter.args.toArray());
    }

    /** The users who spent most in the window, most expensive first. */
    List<UserUsage> topUsers(TimeRange range, String model, int limit) {
        Filter filter = filter(range, null, model);
        List<Object> args = new ArrayList<>(filter.args);
        args.add(limit);
        return jdbc.query("SELECT user_id, " + TOTALS + " FROM account_transaction" + filter.where
                + " GROUP BY user_id ORDER BY cost DESC, user_id LIMIT ?",
                (rs, row) -> new UserUsage(rs.getString("user_id"), totals(rs)), args.toArray());
    }

    private record Filter(String where, List<Object> args) {
    }

    private static Filter filter(TimeRange range, String userId, String model) {
        StringBuilder where = new StringBuilder(" WHERE type = 'USAGE' AND occurred_at >= ? AND occurred_at < ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(range.from()), Timestamp.from(range.to())));
        if (userId != null) {
            where.append(" AND user_id = ?");
            args.add(userId);
        }
        if (model != null) {
            where.append(" AND model = ?");
            args.add(model);
        }
        return new Filter(where.toString(), args);
    }

    private static UsageTotals totals(ResultSet rs) throws SQLException {
        return new UsageTotals(rs.getLong("calls"), rs.getLong("cost"), rs.getLong("prompt"), rs.getLong("cached"),
                rs.getLong("completion"), rs.getLong("reasoning"));
    }
}
