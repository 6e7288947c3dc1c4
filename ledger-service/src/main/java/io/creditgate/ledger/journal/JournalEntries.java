package io.creditgate.ledger.journal;

import java.nio.ByteBuffer;

import io.creditgate.ledger.account.JournalChain;
import io.creditgate.schemas.event.LedgerJournalEntry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;

/** Turns a stored journal event into its {@link LedgerJournalEntry}: the stored bytes as they are, never re-encoded. */
final class JournalEntries {

    private JournalEntries() {
    }

    /**
     * @param message a journal event as the event store hands it to a processor
     * @param globalIndex its position in the event store
     * @param eventSerializer the event store's serializer: a stored message gives back its stored bytes for it
     */
    static LedgerJournalEntry of(DomainEventMessage<?> message, long globalIndex, Serializer eventSerializer) {
        Object previousHash = message.getMetaData().get(JournalChain.PREVIOUS_HASH);
        if (!(previousHash instanceof String link)) {
            throw new IllegalStateException("journal event " + message.getIdentifier() + " of "
                    + message.getAggregateIdentifier() + " has no " + JournalChain.PREVIOUS_HASH);
        }
        byte[] payload = message.serializePayload(eventSerializer, byte[].class).getData();
        return LedgerJournalEntry.newBuilder()
                .setEventId(message.getIdentifier())
                .setOccurredAt(message.getTimestamp())
                .setUserId(message.getAggregateIdentifier())
                .setSequence(message.getSequenceNumber())
                .setGlobalIndex(globalIndex)
                .setEventType(message.getPayloadType().getSimpleName())
                .setPreviousHash(link)
                .setPayload(ByteBuffer.wrap(payload))
                .build();
    }
}
