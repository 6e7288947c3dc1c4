package io.creditgate.payment.outbox;

import io.creditgate.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox in PostgreSQL. The event is encoded here, in the caller's transaction, so an event the topic's codec
 * cannot write fails the caller instead of the relay; once that transaction commits, the relay is woken at once (it
 * also polls, so a lost wake-up only delays).
 */
@Component
class JdbcOutbox implements Outbox {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    JdbcOutbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(Topic topic, String key, SpecificRecord event) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an outbox record needs its key (the user id)");
        }
        byte[] payload = topic.codec().encode(event);
        jdbc.update("insert into outbox (topic, record_key, event_type, payload) values (?, ?, ?, ?)",
                topic.name(), key, event.getSchema().getName(), payload);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
