package io.creditgate.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditgate.console.ConsoleTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

class AccessAuditTest extends ConsoleTestBase {

    @Test
    void theAuditRefusesUpdateDeleteAndTruncate() {
        admin(); // at least one sign-in row
        Long id = jdbc.queryForObject("SELECT max(id) FROM access_audit", Long.class);
        assertThat(id).isNotNull();
        assertThatThrownBy(() -> jdbc.update("UPDATE access_audit SET actor = 'someone-else' WHERE id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM access_audit WHERE id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE access_audit")).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_audit WHERE id = ?", Long.class, id)).isEqualTo(1);
    }

    @Test
    void theAuditApiPagesNewestFirstAndFilters() {
        var admin = admin();
        var page = admin.get("/api/access-audit?action=sign_in_succeeded&limit=2").expectStatus(200).json();
        assertThat(page.size()).isBetween(1, 2);
        long first = page.get(0).get("id").asLong();
        if (page.size() == 2) {
            assertThat(page.get(1).get("id").asLong()).isLessThan(first);
        }
        assertThat(admin.get("/api/access-audit?before=" + first + "&limit=1").json().get(0).get("id").asLong()).isLessThan(first);
        assertThat(admin.get("/api/access-audit?limit=0").expectStatus(400).errorCode()).isEqualTo("invalid_limit");
    }
}
