package io.creditgate.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditgate.ledger.LedgerServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** The audit log only grows: the database itself refuses to change or remove a row, whoever asks. */
class AuditAppendOnlyTest extends LedgerServiceTestBase {

    @Test
    void anAdminActionCannotBeRewrittenOrErased() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 5, "reason": "audited"}""").status()).isEqualTo(201);
        assertThatThrownBy(() -> jdbc.update("UPDATE admin_audit SET actor = 'nobody' WHERE user_id = ?", user))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM admin_audit WHERE user_id = ?", user))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE admin_audit"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT actor FROM admin_audit WHERE user_id = ?", String.class, user))
                .isEqualTo("bootstrap-admin-key");
    }

    @Test
    void aReplayRunCannotBeRewrittenOrErased() {
        jdbc.update("""
                INSERT INTO replay_audit (actor, started_at, finished_at, source, result)
                VALUES ('test@example.com', now(), now(), 'event-store', 'UNAVAILABLE')""");
        assertThatThrownBy(() -> jdbc.update("UPDATE replay_audit SET result = 'OK'"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM replay_audit"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }
}
