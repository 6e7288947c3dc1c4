package io.creditgate.ledger.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/audit?userId=&type=&from=&to=&page=&size=}: every admin action, newest first, paged.
 * {@code from} is inclusive, {@code to} exclusive (ISO-8601 instants); every filter is optional.
 */
@RestController
class AuditController {

    static final Set<String> TYPES = Set.of("GRANT", "REVOKE", "ADJUSTMENT", "BLOCK", "UNBLOCK", "CAP", "PLAN");
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_PAGE = 100_000;

    /** A page of the audit log and the filters that made it. */
    record AuditPage(String userId, String type, Instant from, Instant to, int page, int size, long totalItems,
            List<AuditEntry> items) {
    }

    private final JdbcTemplate jdbc;

    AuditController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/admin/audit")
    AuditPage audit(@RequestParam(required = false) String userId, @RequestParam(required = false) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
        if (userId != null) {
            UserIdParameter.require(userId);
        }
        if (type != null && !TYPES.contains(type)) {
            throw ApiException.badRequest("type must be one of " + new java.util.TreeSet<>(TYPES));
        }
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw ApiException.badRequest("from must be before to");
        }
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.badRequest("page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1) {
            throw ApiException.badRequest("size must be at least 1");
        }
        int pageSize = Math.min(size, MAX_PAGE_SIZE);

        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (userId != null) {
            where.append(" AND user_id = ?");
            args.add(userId);
        }
        if (type != null) {
            where.append(" AND type = ?");
            args.add(type);
        }
        if (fromTime != null) {
            where.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(fromTime));
        }
        if (toTime != null) {
            where.append(" AND occurred_at < ?");
            args.add(Timestamp.from(toTime));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM admin_audit" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(pageSize);
        pageArgs.add((long) page * pageSize);
        List<AuditEntry> items = jdbc.query("""
                SELECT id, user_id, version, type, actor, reason, amount_credits, grant_id, cap_credits, occurred_at, plan_id
                FROM admin_audit""" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?",
                AuditController::entry, pageArgs.toArray());
        return new AuditPage(userId, type, fromTime, toTime, page, pageSize, total == null ? 0 : total, items);
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getString("user_id"), rs.getLong("version"), rs.getString("type"),
                rs.getString("actor"), rs.getString("reason"), nullableLong(rs, "amount_credits"),
                rs.getString("grant_id"), nullableLong(rs, "cap_credits"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("plan_id"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
