package io.creditgate.ledger.reconciliation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.schemas.model.ModelNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Creditgate's side of the bill: the ledger's usage lines ({@code account_transaction}, type USAGE) of a range of UTC
 * days, summed per day and model family. Read from the lines rather than the quarter-hour buckets because only the
 * lines know which calls were estimated ({@code usage_source}); the range is at most 92 days and the query uses the
 * type/time index.
 */
@Component
class OurUsage {

    /**
     * Creditgate's usage of one UTC day and model family.
     *
     * @param calls usage lines (every call that reached the upstream)
     * @param estimatedCalls of which counted by Creditgate because the upstream reported no usage
     * @param inputTokens prompt tokens, cached ones included
     * @param outputTokens completion tokens, reasoning included
     * @param costCredits what the users were charged
     */
    record Usage(LocalDate day, String model, long calls, long estimatedCalls, long inputTokens, long cachedInputTokens,
                 long outputTokens, long costCredits) {

        Usage plus(Usage other) {
            return new Usage(day, model, calls + other.calls, estimatedCalls + other.estimatedCalls,
                    inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                    outputTokens + other.outputTokens, costCredits + other.costCredits);
        }
    }

    private static final String SUMS = """
            SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, model, count(*) AS calls,
                   count(*) FILTER (WHERE usage_source = 'ESTIMATED') AS estimated,
                   COALESCE(sum(prompt_tokens), 0) AS input, COALESCE(sum(cached_prompt_tokens), 0) AS cached,
                   COALESCE(sum(completion_tokens), 0) AS output, COALESCE(-sum(amount_credits), 0) AS cost
            FROM account_transaction
            WHERE type = 'USAGE' AND occurred_at >= ? AND occurred_at < ?
            GROUP BY 1, 2
            """;

    private final JdbcTemplate jdbc;

    OurUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The usage of every UTC day of {@code [from, to]}, each (day, family) once. */
    List<Usage> read(LocalDate from, LocalDate to) {
        Map<String, Usage> sums = new LinkedHashMap<>();
        jdbc.query(SUMS, rs -> {
            String model = ModelNames.family(rs.getString("model") == null ? "unknown" : rs.getString("model"));
            Usage usage = new Usage(rs.getObject("day", LocalDate.class), model, rs.getLong("calls"),
                    rs.getLong("estimated"), rs.getLong("input"), rs.getLong("cached"), rs.getLong("output"),
                    rs.getLong("cost"));
            sums.merge(usage.day() + "|" + model, usage, Usage::plus);
        }, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        return new ArrayList<>(sums.values());
    }
}
