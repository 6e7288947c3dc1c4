package io.creditgate.ledger.replay;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit log of replays run through the API: who, when, on which source, with what result (append-only). */
@Component
class ReplayRuns {

    static final int MAX_LISTED = 200;

    /**
     * One replay run.
     *
     * @param source {@value ReplayReport#JOURNAL_TOPIC}, {@value ReplayReport#EVENT_STORE} or "default"
     * @param result OK, FAILED, UNAVAILABLE or ERROR
     * @param events journal events folded; absent unless the replay finished
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Run(long id, String actor, Instant startedAt, Instant finishedAt, String source, String result, Long events,
            Integer brokenLinks, Integer discrepancies) {
    }

    private final JdbcTemplate jdbc;

    ReplayRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void finished(String actor, Instant startedAt, Instant finishedAt, String source, ReplayReport report) {
        insert(actor, startedAt, finishedAt, source, report.ok() ? "OK" : "FAILED", report.events(),
                report.brokenLinks().size(), report.discrepancies().size());
    }

    void failed(String actor, Instant startedAt, Instant finishedAt, String source, String result) {
        insert(actor, startedAt, finishedAt, source, result, null, null, null);
    }

    /** The newest runs first. */
    List<Run> latest(int limit) {
        return jdbc.query("""
                SELECT id, actor, started_at, finished_at, source, result, events, broken_links, discrepancies
                FROM replay_audit ORDER BY started_at DESC, id DESC LIMIT ?""", (rs, row) -> new Run(rs.getLong("id"),
                rs.getString("actor"), rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
                rs.getString("source"), rs.getString("result"), (Long) rs.getObject("events", Long.class),
                (Integer) rs.getObject("broken_links", Integer.class), (Integer) rs.getObject("discrepancies", Integer.class)),
                limit);
    }

    private void insert(String actor, Instant startedAt, Instant finishedAt, String source, String result, Long events,
            Integer brokenLinks, Integer discrepancies) {
        jdbc.update("""
                INSERT INTO replay_audit (actor, started_at, finished_at, source, result, events, broken_links, discrepancies)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", actor, Timestamp.from(startedAt), Timestamp.from(finishedAt), source,
                result, events, brokenLinks, discrepancies);
    }
}
