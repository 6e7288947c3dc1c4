package io.creditgate.payment.topup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The auto top-up tables: users' settings and their top-ups. Callers hold the transaction. */
@Component
class TopUpStore {

    /** The last top-up of a user, as the claim needs it. */
    record LastTopUp(long sequence, TopUpStatus status, long triggerVersion, Long creditedVersion, Instant finishedAt) {
    }

    private final JdbcTemplate jdbc;

    TopUpStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AutoTopUpSetting> setting(String userId) {
        return jdbc.query("SELECT * FROM auto_top_up_setting WHERE user_id = ?", TopUpStore::setting, userId)
                .stream().findFirst();
    }

    /** The setting, its row locked until the transaction ends: claims of one user queue here, across instances. */
    Optional<AutoTopUpSetting> lockSetting(String userId) {
        return jdbc.query("SELECT * FROM auto_top_up_setting WHERE user_id = ? FOR UPDATE", TopUpStore::setting, userId)
                .stream().findFirst();
    }

    void saveSetting(String userId, boolean enabled, long thresholdCredits, String packId, long monthlyCapMinor,
                     String actor) {
        // Switching it on (again) forgives the failures that switched it off.
        jdbc.update("""
                INSERT INTO auto_top_up_setting (user_id, enabled, threshold_credits, pack_id, monthly_cap_minor,
                    failures_in_a_row, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, 0, now(), ?)
                ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled,
                    threshold_credits = excluded.threshold_credits, pack_id = excluded.pack_id,
                    monthly_cap_minor = excluded.monthly_cap_minor,
                    failures_in_a_row = CASE WHEN excluded.enabled AND NOT auto_top_up_setting.enabled THEN 0
                                             ELSE auto_top_up_setting.failures_in_a_row END,
                    updated_at = now(), updated_by = excluded.updated_by
                """, userId, enabled, thresholdCredits, packId, monthlyCapMinor, actor);
    }

    Optional<LastTopUp> last(String userId) {
        return jdbc.query("""
                SELECT sequence, status, trigger_version, credited_version, finished_at FROM auto_top_up
                WHERE user_id = ? ORDER BY sequence DESC LIMIT 1
                """, (row, n) -> new LastTopUp(row.getLong(1), TopUpStatus.valueOf(row.getString(2)), row.getLong(3),
                (Long) row.getObject(4), instant(row.getTimestamp(5))), userId).stream().findFirst();
    }

    /** Money of the month's top-ups that took or may take money (pending and succeeded), in {@code currency}. */
    long chargedInMonth(String userId, String month, String currency) {
        Long sum = jdbc.queryForObject("""
                SELECT COALESCE(SUM(amount_minor), 0) FROM auto_top_up
                WHERE user_id = ? AND month = ? AND currency = ? AND status IN ('PENDING', 'SUCCEEDED')
                """, Long.class, userId, month, currency);
        return sum == null ? 0 : sum;
    }

    /** Inserts the claim; the primary key (user, sequence) makes it happen once. */
    void insertClaim(TopUpClaim claim, String month, String triggerEventId, long triggerVersion) {
        jdbc.update("""
                INSERT INTO auto_top_up (user_id, sequence, status, pack_id, credits, amount_minor, currency, month,
                    customer_id, payment_method_id, trigger_event_id, trigger_version)
                VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, claim.userId(), claim.sequence(), claim.packId(), claim.credits(), claim.amountMinor(),
                claim.currency(), month, claim.customerId(), claim.paymentMethodId(), triggerEventId, triggerVersion);
    }

    Optional<TopUpClaim> claim(String userId, long sequence) {
        return jdbc.query("SELECT * FROM auto_top_up WHERE user_id = ? AND sequence = ?", TopUpStore::claim,
                userId, sequence).stream().findFirst();
    }

    List<TopUpClaim> pendingSince(Instant before) {
        return jdbc.query("SELECT * FROM auto_top_up WHERE status = 'PENDING' AND created_at < ? ORDER BY created_at",
                TopUpStore::claim, Timestamp.from(before));
    }

    /**
     * Marks the top-up succeeded, from any state but SUCCEEDED: a charge Stripe says succeeded is credited, once.
     *
     * @return true when this call made it succeed
     */
    boolean markSucceeded(TopUpClaim claim, String paymentIntentId, String purchaseEventId) {
        return jdbc.update("""
                UPDATE auto_top_up SET status = 'SUCCEEDED', payment_intent_id = ?, purchase_event_id = ?,
                    failure_code = NULL, failure_message = NULL, finished_at = now()
                WHERE user_id = ? AND sequence = ? AND status <> 'SUCCEEDED'
                """, paymentIntentId, purchaseEventId, claim.userId(), claim.sequence()) == 1;
    }

    /** Ends a pending top-up unsuccessfully; true when this call ended it. */
    boolean markUnsuccessful(TopUpClaim claim, TopUpStatus status, String paymentIntentId, String code, String message,
                             String actionUrl) {
        return jdbc.update("""
                UPDATE auto_top_up SET status = ?, payment_intent_id = ?, failure_code = ?, failure_message = ?,
                    action_url = ?, finished_at = now()
                WHERE user_id = ? AND sequence = ? AND status = 'PENDING'
                """, status.name(), paymentIntentId, code, message, actionUrl, claim.userId(), claim.sequence()) == 1;
    }

    /** The ledger folded the top-up's purchase at account version {@code version}. */
    void markCredited(String userId, String purchaseEventId, long version) {
        jdbc.update("""
                UPDATE auto_top_up SET credited_version = ?
                WHERE user_id = ? AND purchase_event_id = ? AND credited_version IS NULL
                """, version, userId, purchaseEventId);
    }

    void resetFailures(String userId) {
        jdbc.update("UPDATE auto_top_up_setting SET failures_in_a_row = 0 WHERE user_id = ?", userId);
    }

    /** Counts one more failure; returns the count after it. */
    int countFailure(String userId) {
        return jdbc.queryForObject("""
                UPDATE auto_top_up_setting SET failures_in_a_row = failures_in_a_row + 1 WHERE user_id = ?
                RETURNING failures_in_a_row
                """, Integer.class, userId);
    }

    /** Switches it off; true when it was on. */
    boolean disable(String userId) {
        return jdbc.update("""
                UPDATE auto_top_up_setting SET enabled = false, updated_at = now(), updated_by = 'auto-top-up'
                WHERE user_id = ? AND enabled
                """, userId) == 1;
    }

    private static AutoTopUpSetting setting(ResultSet row, int n) throws SQLException {
        return new AutoTopUpSetting(row.getString("user_id"), row.getBoolean("enabled"), row.getLong("threshold_credits"),
                row.getString("pack_id"), row.getLong("monthly_cap_minor"), row.getInt("failures_in_a_row"));
    }

    private static TopUpClaim claim(ResultSet row, int n) throws SQLException {
        return new TopUpClaim(row.getString("user_id"), row.getLong("sequence"), row.getString("pack_id"),
                row.getLong("credits"), row.getLong("amount_minor"), row.getString("currency"),
                row.getString("customer_id"), row.getString("payment_method_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
