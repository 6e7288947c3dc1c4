package io.creditgate.alert.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code notification} table. */
@Repository
public class Notifications {

    private final JdbcTemplate jdbc;

    Notifications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the notification of an alert event unless it exists; true when it was added. */
    public boolean add(String userId, String alertEventId, String kind, String title, String body, Instant createdAt) {
        return jdbc.update("""
                INSERT INTO notification (user_id, alert_event_id, kind, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (alert_event_id) DO NOTHING
                """, userId, alertEventId, kind, title, body, Timestamp.from(createdAt)) > 0;
    }

    List<Notification> of(String userId, boolean unreadOnly, int limit) {
        return jdbc.query("SELECT * FROM notification WHERE user_id = ? AND (read_at IS NULL OR NOT ?) ORDER BY id DESC LIMIT ?",
                Notifications::row, userId, unreadOnly, limit);
    }

    long unread(String userId) {
        return jdbc.queryForObject("SELECT count(*) FROM notification WHERE user_id = ? AND read_at IS NULL", Long.class, userId);
    }

    /** @return false when the user has no such notification */
    boolean markRead(String userId, long id, Instant at) {
        return jdbc.update("UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?",
                Timestamp.from(at), id, userId) > 0;
    }

    int markAllRead(String userId, Instant at) {
        return jdbc.update("UPDATE notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL", Timestamp.from(at), userId);
    }

    private static Notification row(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Notification(rs.getLong("id"), rs.getString("user_id"), rs.getString("alert_event_id"), rs.getString("kind"),
                rs.getString("title"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }
}
