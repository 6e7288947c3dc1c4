package io.creditgate.alert.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log of preferences changed on someone's behalf (an admin's, never the owner's own): who, when, each field
 * from what to what. Append-only (a trigger refuses UPDATE and DELETE). The webhook secret is never written here.
 */
@Component
class PreferencesAudit {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PreferencesAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the fields that differ between {@code before} and {@code after}; nothing when none does. */
    void changed(String userId, String actor, Contact before, Contact after) {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
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

    private static void field(Map<String, Map<String, Object>> changes, String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from == null ? null : from.toString());
            change.put("to", to == null ? null : to.toString());
            changes.put(name, change);
        }
    }
}
