package io.creditgate.ledger.usage;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ids of the usage events already folded. Axon gives every event its own identifier, so a
 * redelivered {@code UsageRecorded} would pass the event store's unique index: this table is the guard.
 */
@Component
class ProcessedEvents {

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
}
