package io.creditgate.alert.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery log: one row per alert event and channel (its idempotency key), and one attempt row per try. The
 * row is the durable queue of the dispatcher as well: what is PENDING or due for RETRY gets sent.
 */
@Repository
class DeliveryLog {

    private static final int MAX_DETAIL_CHARS = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    DeliveryLog(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A claimed delivery, as the worker sends it. */
    record Claimed(String key, String alertEventId, String alertType, Channel channel, String userId, String recipient,
                   String subject, String body, int attempt, Instant alertOccurredAt) {
    }

    /**
     * Records the planned deliveries of one alert; a key that exists (the alert was read before) stays as it is.
     * In-app notifications are delivered by this very write, so they are logged SENT at once.
     *
     * @return the channels newly planned (empty when the alert was seen before)
     */
    List<Channel> plan(Alert alert, List<PlannedDelivery> planned, Instant now) {
        return planned.stream().filter(delivery -> insert(alert, delivery, now)).map(PlannedDelivery::channel).toList();
    }

    private boolean insert(Alert alert, PlannedDelivery delivery, Instant now) {
        return insert(alert.eventId(), alert.type(), alert.userId(), alert.occurredAt(), delivery, now);
    }

    /**
     * Records one planned delivery of something that is not an alert of the alert topic (a dead letter's notice to
     * the admins), keyed like an alert's: {@code eventId:CHANNEL}.
     *
     * @return false when the key exists (planned before)
     */
    boolean insert(String eventId, String type, String userId, Instant occurredAt, PlannedDelivery delivery, Instant now) {
        DeliveryStatus status = delivery.skipReason() != null ? DeliveryStatus.SKIPPED
                : delivery.channel() == Channel.IN_APP ? DeliveryStatus.SENT : DeliveryStatus.PENDING;
        String key = delivery.channel().keyFor(eventId);
        Timestamp at = Timestamp.from(now);
        boolean inserted = jdbc.update("""
                INSERT INTO delivery (idempotency_key, alert_event_id, alert_type, channel, user_id, recipient, subject, body,
                                      status, attempts, next_attempt_at, alert_occurred_at, created_at, updated_at, sent_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING
                """, key, eventId, type, delivery.channel().name(), userId, delivery.recipient(),
                delivery.subject(), delivery.body(), status.name(), status == DeliveryStatus.SENT ? 1 : 0, at,
                Timestamp.from(occurredAt), at, at, status == DeliveryStatus.SENT ? at : null, delivery.skipReason()) > 0;
        if (inserted && status == DeliveryStatus.SENT) {
            attempt(key, 1, DeliveryStatus.SENT, "stored for the dashboard", now, 0);
        }
        return inserted;
    }

    /**
     * Claims up to {@code limit} due deliveries for this worker: they become SENDING in a committed statement
     * before anything is sent, so after a crash they are known to be possibly sent and are never sent again.
     * {@code SKIP LOCKED} lets workers of every instance claim side by side without waiting on each other.
     */
    List<Claimed> claimDue(int limit, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query("""
                UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, updated_at = ?
                WHERE idempotency_key IN (
                    SELECT idempotency_key FROM delivery
                    WHERE status IN ('PENDING', 'RETRY') AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING idempotency_key, alert_event_id, alert_type, channel, user_id, recipient, subject, body, attempts,
                          alert_occurred_at
                """, DeliveryLog::claimed, at, at, limit);
    }

    void sent(Claimed delivery, String detail, Instant now, long durationMs) {
        finish(delivery, DeliveryStatus.SENT, detail, now, durationMs, null);
    }

    void retry(Claimed delivery, String error, Instant now, long durationMs, Instant nextAttemptAt) {
        finish(delivery, DeliveryStatus.RETRY, error, now, durationMs, nextAttemptAt);
    }

    void failed(Claimed delivery, String error, Instant now, long durationMs) {
        finish(delivery, DeliveryStatus.FAILED, error, now, durationMs, null);
    }

    private void finish(Claimed delivery, DeliveryStatus status, String detail, Instant now, long durationMs, Instant next) {
        String trimmed = trim(detail);
        tx.executeWithoutResult(transaction -> {
            jdbc.update("""
                    UPDATE delivery SET status = ?, updated_at = ?, sent_at = ?, last_error = ?,
                                        next_attempt_at = COALESCE(?, next_attempt_at)
                    WHERE idempotency_key = ?
                    """, status.name(), Timestamp.from(now), status == DeliveryStatus.SENT ? Timestamp.from(now) : null,
                    status == DeliveryStatus.SENT ? null : trimmed, next == null ? null : Timestamp.from(next), delivery.key());
            attempt(delivery.key(), delivery.attempt(), status, trimmed, now, durationMs);
        });
    }

    /**
     * Marks deliveries claimed before {@code claimedBefore} and never finished as UNKNOWN: their worker died
     * mid-send (a crash, a kill), so the message may or may not have left. They are not sent again.
     *
     * @return the channels of the deliveries marked
     */
    List<Channel> abandon(Instant claimedBefore, Instant now) {
        return tx.execute(transaction -> {
            List<Claimed> stale = jdbc.query("""
                    UPDATE delivery SET status = 'UNKNOWN', updated_at = ?,
                                        last_error = 'the worker stopped while sending; not sent again'
                    WHERE status = 'SENDING' AND updated_at < ?
                    RETURNING idempotency_key, alert_event_id, alert_type, channel, user_id, recipient, subject, body, attempts,
                              alert_occurred_at
                    """, DeliveryLog::claimed, Timestamp.from(now), Timestamp.from(claimedBefore));
            stale.forEach(delivery -> attempt(delivery.key(), delivery.attempt(), DeliveryStatus.UNKNOWN,
                    "the worker stopped while sending", now, 0));
            return stale.stream().map(Claimed::channel).toList();
        });
    }

    private void attempt(String key, int attempt, DeliveryStatus status, String detail, Instant at, long durationMs) {
        jdbc.update("INSERT INTO delivery_attempt (idempotency_key, attempt, status, detail, at, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                key, attempt, status.name(), detail, Timestamp.from(at), durationMs);
    }

    // --- the admin view ---

    record AttemptView(int attempt, String status, String detail, Instant at, long durationMs) {
    }

    record DeliveryView(String idempotencyKey, String alertEventId, String alertType, String channel, String userId,
                        String recipient, String subject, String status, int attempts, Instant createdAt, Instant sentAt,
                        String lastError, List<AttemptView> attemptLog) {
    }

    List<DeliveryView> ofUser(String userId, int limit) {
        return withAttempts(jdbc.query("SELECT * FROM delivery WHERE user_id = ? ORDER BY created_at DESC, idempotency_key LIMIT ?",
                DeliveryLog::view, userId, limit));
    }

    List<DeliveryView> ofAlert(String alertEventId) {
        return withAttempts(jdbc.query("SELECT * FROM delivery WHERE alert_event_id = ? ORDER BY idempotency_key",
                DeliveryLog::view, alertEventId));
    }

    private List<DeliveryView> withAttempts(List<DeliveryView> deliveries) {
        return deliveries.stream().map(d -> new DeliveryView(d.idempotencyKey(), d.alertEventId(), d.alertType(), d.channel(),
                d.userId(), d.recipient(), d.subject(), d.status(), d.attempts(), d.createdAt(), d.sentAt(), d.lastError(),
                jdbc.query("SELECT * FROM delivery_attempt WHERE idempotency_key = ? ORDER BY id",
                        (rs, row) -> new AttemptView(rs.getInt("attempt"), rs.getString("status"), rs.getString("detail"),
                                rs.getTimestamp("at").toInstant(), rs.getLong("duration_ms")), d.idempotencyKey())))
                .toList();
    }

    private static DeliveryView view(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new DeliveryView(rs.getString("idempotency_key"), rs.getString("alert_event_id"), rs.getString("alert_type"),
                rs.getString("channel"), rs.getString("user_id"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant(), rs.getString("last_error"), List.of());
    }

    private static Claimed claimed(ResultSet rs, int row) throws SQLException {
        return new Claimed(rs.getString("idempotency_key"), rs.getString("alert_event_id"), rs.getString("alert_type"),
                Channel.valueOf(rs.getString("channel")), rs.getString("user_id"), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"),
                rs.getTimestamp("alert_occurred_at").toInstant());
    }

    private static String trim(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS);
    }
}
