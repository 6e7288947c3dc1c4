package io.creditgate.payment.checkout;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** The {@code checkout_attempt} table. */
@Component
class CheckoutAttempts {

    private static final String COLUMNS = "attempt_id, session_id, user_id, pack_id, credits, amount_minor, currency,"
            + " idempotency_key";
    private static final RowMapper<CheckoutAttempt> ROWS = (rs, n) -> new CheckoutAttempt(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
            rs.getString(8));

    private final JdbcTemplate jdbc;

    CheckoutAttempts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the attempt unless its idempotency key is stored; answers the stored one either way. */
    CheckoutAttempt createOrFind(CheckoutAttempt attempt, String actor) {
        jdbc.update("insert into checkout_attempt (attempt_id, user_id, pack_id, credits, amount_minor, currency,"
                + " idempotency_key, created_by) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing",
                attempt.attemptId(), attempt.userId(), attempt.packId(), attempt.credits(), attempt.amountMinor(),
                attempt.currency(), attempt.idempotencyKey(), actor);
        return jdbc.queryForObject("select " + COLUMNS + " from checkout_attempt where idempotency_key = ?", ROWS,
                attempt.idempotencyKey());
    }

    void sessionCreated(String attemptId, String sessionId) {
        jdbc.update("update checkout_attempt set session_id = ? where attempt_id = ? and session_id is null", sessionId,
                attemptId);
    }

    /** The attempt of a session: by the session id, else by the attempt id the session's metadata names. */
    Optional<CheckoutAttempt> ofSession(String sessionId, String attemptIdFromMetadata) {
        Optional<CheckoutAttempt> bySession = jdbc.query("select " + COLUMNS + " from checkout_attempt where session_id = ?",
                ROWS, sessionId).stream().findFirst();
        if (bySession.isPresent() || attemptIdFromMetadata == null) {
            return bySession;
        }
        Optional<CheckoutAttempt> byAttempt = jdbc.query("select " + COLUMNS + " from checkout_attempt where attempt_id = ?"
                + " and (session_id is null or session_id = ?)", ROWS, attemptIdFromMetadata, sessionId).stream().findFirst();
        byAttempt.ifPresent(found -> sessionCreated(found.attemptId(), sessionId));
        return byAttempt;
    }
}
