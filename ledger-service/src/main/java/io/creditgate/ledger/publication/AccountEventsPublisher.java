package io.creditgate.ledger.publication;

import io.creditgate.ledger.account.AccountOpened;
import io.creditgate.ledger.account.CreditsGranted;
import io.creditgate.ledger.account.UsageCharged;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Publishes the ledger's events to the account-events topic. The event store is the outbox: this
 * pooled streaming processor reads committed events and advances its token (in PostgreSQL) only after
 * Kafka acknowledged every record of the event. A crash between the two publishes again: delivery is
 * at least once, with stable event ids for consumers to dedupe on.
 */
@Component
@ProcessingGroup(AccountEventsPublisher.PROCESSING_GROUP)
class AccountEventsPublisher {

    static final String PROCESSING_GROUP = "account-events-publisher";

    private final AccountEventsProducer producer;
    private final MeterRegistry meters;

    AccountEventsPublisher(AccountEventsProducer producer, MeterRegistry meters) {
        this.producer = producer;
        this.meters = meters;
    }

    @EventHandler
    void on(AccountOpened event, EventMessage<?> message, @SequenceNumber long version) {
        String id = message.getIdentifier();
        publish(event.userId(), AccountEventMapper.opened(event, id),
                AccountEventMapper.balanceChanged(event.userId(), id, id, event.openedAt(), version, event.after()));
    }

    @EventHandler
    void on(CreditsGranted event, EventMessage<?> message, @SequenceNumber long version) {
        publish(event.userId(), AccountEventMapper.granted(event), AccountEventMapper.balanceChanged(event.userId(),
                message.getIdentifier(), event.grantId(), event.grantedAt(), version, event.after()));
    }

    @EventHandler
    void on(UsageCharged event, EventMessage<?> message, @SequenceNumber long version) {
        publish(event.userId(), AccountEventMapper.balanceChanged(event.userId(), message.getIdentifier(),
                event.eventId(), event.occurredAt(), version, event.after()));
    }

    private void publish(String userId, SpecificRecord... records) {
        producer.publish(userId, records);
        for (SpecificRecord record : records) {
            meters.counter("ledger.account-events.published", "type", record.getClass().getSimpleName()).increment();
        }
    }
}
