package io.creditgate.ledger.publication;

import io.creditgate.ledger.account.AccountOpened;
import io.creditgate.ledger.account.CreditsGranted;
import io.creditgate.ledger.account.LedgerEvent;
import io.creditgate.ledger.account.PurchaseGranted;
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
 *
 * <p>Axon calls the most specific handler of this class for each event: openings and grants also
 * announce themselves, every other event only its {@code AccountBalanceChanged}.
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
        publish(event.userId(), AccountEventMapper.opened(event, message.getIdentifier()),
                AccountEventMapper.balanceChanged(event, message.getIdentifier(), version));
    }

    @EventHandler
    void on(CreditsGranted event, EventMessage<?> message, @SequenceNumber long version) {
        publish(event.userId(), AccountEventMapper.granted(event),
                AccountEventMapper.balanceChanged(event, message.getIdentifier(), version));
    }

    @EventHandler
    void on(PurchaseGranted event, EventMessage<?> message, @SequenceNumber long version) {
        publish(event.userId(), AccountEventMapper.granted(event),
                AccountEventMapper.balanceChanged(event, message.getIdentifier(), version));
    }

    @EventHandler
    void on(LedgerEvent event, EventMessage<?> message, @SequenceNumber long version) {
        publish(event.userId(), AccountEventMapper.balanceChanged(event, message.getIdentifier(), version));
    }

    private void publish(String userId, SpecificRecord... records) {
        producer.publish(userId, records);
        for (SpecificRecord record : records) {
            meters.counter("ledger.account-events.published", "type", record.getClass().getSimpleName()).increment();
        }
    }
}
