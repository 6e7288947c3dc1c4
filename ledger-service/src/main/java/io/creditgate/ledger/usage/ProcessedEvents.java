package io.creditgate.ledger.usage;

import java.sql.Array;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.creditgate.ledger.account.ChargeUsage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ids of the usage events already folded. Axon gives every event its own identifier, so a
 * redelivered {@code UsageRecorded} would pass the event store's unique index: this table is the guard.
 */
@Component
class ProcessedEvents {

    /** In id order, so that two transactions claiming overlapping ids lock them in the same order (no deadlock). */
    private static final String CLAIM = """
            INSERT INTO processed_event (event_id, user_id)
            SELECT event_id, user_id FROM unnest(?::text[], ?::text[]) AS claimed(event_id, user_id) ORDER BY event_id
            ON CONFLICT DO NOTHING RETURNING event_id""";

    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the id in the caller's transaction. Returns false when it was recorded before (a duplicate).
     * A concurrent insert of the same id waits for the other transaction and then returns false.
     */
    boolean markProcessed(String eventId, String userId) {
        return jdbc.update("INSERT INTO processed_event (event_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                eventId, userId) == 1;
    }

    /**
     * {@link #markProcessed} for a whole poll in one statement, in the caller's transaction: returns the ids recorded
     * now (an id twice in {@code charges} is recorded, and returned, once); the others were folded before.
     */
    Set<String> claim(List<ChargeUsage> charges) {
        String[] eventIds = charges.stream().map(ChargeUsage::eventId).toArray(String[]::new);
        String[] userIds = charges.stream().map(ChargeUsage::userId).toArray(String[]::new);
        return jdbc.execute((java.sql.Connection connection) -> {
            Array ids = connection.createArrayOf("text", eventIds);
            Array users = connection.createArrayOf("text", userIds);
            try (java.sql.PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                statement.setArray(1, ids);
                statement.setArray(2, users);
                Set<String> claimed = new HashSet<>();
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
                return claimed;
            }
        });
    }
}
