package io.creditgate.alert.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log of preferences changed on someone's behalf (an admin's, never the owner's own): who, when, each field
 * from what to what. Append-only (a trigger refuses UPDATE and DELETE). The webhook secret is never written here.
 */
@Component
class PreferencesAudit {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PreferencesAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One change on someone's behalf.
     *
     * @param changes every field that changed, by its name, in the order PostgreSQL's jsonb keeps them
     */
    @Schema(name = "PreferencesAuditEntry")
    record Entry(long id, String userId, String actor, java.time.Instant changedAt, Map<String, FieldChange> changes) {
    }

    /**
     * What one field was and became, as text ({@code toString} of the value); null when unset.
     */
    @Schema(name = "PreferencesFieldChange")
    record FieldChange(String from, String to) {
    }

    /** The newest entries first, of one user or (null) of everyone. */
    List<Entry> latest(String userId, int limit) {
        String where = userId == null ? "" : " WHERE user_id = ?";
        Object[] args = userId == null ? new Object[] {limit} : new Object[] {userId, limit};
        return jdbc.query("SELECT id, user_id, actor, changed_at, changes::text AS changes FROM preferences_audit" + where
                + " ORDER BY changed_at DESC, id DESC LIMIT ?", (rs, row) -> new Entry(rs.getLong("id"),
                rs.getString("user_id"), rs.getString("actor"), rs.getTimestamp("changed_at").toInstant(),
                JSON.readValue(rs.getString("changes"), CHANGES)), args);
    }

    /** Records the fields that differ between {@code before} and {@code after}; nothing when none does. */
    void changed(String userId, String actor, Contact before, Contact after) {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        field(changes, "email", before.email(), after.email());
        field(changes, "locale", before.locale(), after.locale());
        field(changes, "emailOptOut", before.emailOptOut(), after.emailOptOut());
        field(changes, "webhookUrl", before.webhookUrl(), after.webhookUrl());
        field(changes, "webhookFormat", before.webhookFormat(), after.webhookFormat());
        if (changes.isEmpty()) {
            return;
        }
        jdbc.update("INSERT INTO preferences_audit (user_id, actor, changed_at, changes) VALUES (?, ?, ?, ?::jsonb)",
                userId, actor, Timestamp.from(clock.instant()), JSON.writeValueAsString(changes));
    }

    private static void field(Map<String, FieldChange> changes, String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(name, new FieldChange(from == null ? null : from.toString(), to == null ? null : to.toString()));
        }
    }
}
