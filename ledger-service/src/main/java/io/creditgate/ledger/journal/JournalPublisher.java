package io.creditgate.ledger.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.creditgate.ledger.account.LedgerEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Publishes every journal event, in full, to the journal topic (decision 34). A pooled streaming processor with its
 * token in PostgreSQL: the event store is the outbox. The records of a batch are sent without waiting, and the batch
 * waits for every acknowledgement before its token is stored (prepare-commit), so a failure publishes the batch again
 * rather than skipping an event: delivery is at least once, in journal order per account (one account is always on one
 * segment, and one idempotent producer keeps a partition's order). The audit replay skips an entry it already folded.
 */
@Component
@ProcessingGroup(JournalPublisher.PROCESSING_GROUP)
class JournalPublisher {

    static final String PROCESSING_GROUP = "ledger-journal-publisher";
    private static final String SENDS = JournalPublisher.class.getName() + ".sends";

    private final JournalProducer producer;
    private final Serializer eventSerializer;

    JournalPublisher(JournalProducer producer, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.producer = producer;
        this.eventSerializer = eventSerializer;
    }

    @EventHandler(payloadType = LedgerEvent.class)
    void on(DomainEventMessage<?> event, TrackingToken token, UnitOfWork<?> batch) {
        long globalIndex = token.position().orElseThrow(() -> new IllegalStateException(
                "the journal publisher needs the event store's global index, got " + token));
        sendsOf(batch).add(producer.send(JournalEntries.of(event, globalIndex, eventSerializer)));
    }

    /** The sends of this batch; the first one registers the wait for all of them before the token is stored. */
    private List<CompletableFuture<?>> sendsOf(UnitOfWork<?> batch) {
        UnitOfWork<?> root = batch.root();
        return root.getOrComputeResource(SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            root.onPrepareCommit(u -> producer.awaitAcknowledged(sends));
            return sends;
        });
    }
}
