package io.creditgate.console.audit;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only log of access: people, roles, accounts, API tokens, signing keys, sign-ins. Rows are only ever
 * inserted; a trigger in the database refuses UPDATE, DELETE and TRUNCATE (V1__console.sql).
 */
@Component
public class AccessAudit {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param actor   who did it: a person's email (else id), "api-token:<name>", "bootstrap" or, for a sign-in, the email typed
     * @param action  what happened, snake case ({@code person_created}, {@code sign_in_failed}, ...)
     * @param subject whom or what it concerns (a person id, a token id, a key id), or null
     * @param details what changed; never a secret
     */
    public void record(String actor, String action, String subject, Map<String, ?> details, String clientAddress) {
        jdbc.sql("""
                        INSERT INTO access_audit (occurred_at, actor, action, subject, details, client_address)
                        VALUES (:at, :actor, :action, :subject, CAST(:details AS jsonb), :ip)""")
                .param("at", Timestamp.from(clock.instant())).param("actor", actor).param("action", action)
                .param("subject", subject).param("details", JSON.writeValueAsString(details)).param("ip", clientAddress)
                .update();
    }

    /** Newest first; {@code beforeId} pages back, {@code subject}/{@code action} filter when not null. */
    public List<AuditEntry> find(Long beforeId, String subject, String action, int limit) {
        return jdbc.sql("""
                        SELECT id, occurred_at, actor, action, subject, details::text AS details, client_address FROM access_audit
                        WHERE (CAST(:before AS bigint) IS NULL OR id < :before)
                          AND (CAST(:subject AS text) IS NULL OR subject = :subject)
                          AND (CAST(:action AS text) IS NULL OR action = :action)
                        ORDER BY id DESC LIMIT :limit""")
                .param("before", beforeId).param("subject", subject).param("action", action).param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
                        JSON.readValue(rs.getString("details"), Map.class), rs.getString("client_address")))
                .list();
    }
}
