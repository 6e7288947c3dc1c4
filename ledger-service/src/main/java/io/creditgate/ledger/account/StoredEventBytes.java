package io.creditgate.ledger.account;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * An event message's payload as the event store stores it: the event serializer writes {@link CanonicalJson}
 * (decision 34), so these are also the bytes the hash chain covers.
 *
 * <p>Why through the message and the store's own serializer: Axon keeps a message's serialized payload per serializer
 * ({@code serializePayload}), and the JDBC storage engine appends through that same call. An event the aggregate
 * applies is then serialised once, for its hash, and the append reuses those bytes; an event loaded from the store
 * gives back its stored bytes, so loading an account hashes them without writing anything again (decision 37).
 *
 * <p>The aggregate's event-sourcing handlers receive this bean as a parameter (Axon resolves handler parameters of a
 * Spring bean's type from the application context; a test fixture registers it as an injectable resource).
 */
@Component
final class StoredEventBytes {

    private final Serializer eventSerializer;

    StoredEventBytes(@Qualifier("eventSerializer") Serializer eventSerializer) {
        this.eventSerializer = eventSerializer;
    }

    /** For aggregate test fixtures, whose events never reach a store: a serializer configured as the event store's. */
    static StoredEventBytes canonical() {
        return new StoredEventBytes(Jackson3Serializer.builder().jsonMapperBuilderCustomizer(CanonicalJson::configure).build());
    }

    /** The serializer whose bytes these are: must be the event store's, or the append serialises the event again. */
    Serializer serializer() {
        return eventSerializer;
    }

    /** The payload's stored (canonical) bytes; computed at most once per message and serializer. */
    byte[] of(EventMessage<?> message) {
        return message.serializePayload(eventSerializer, byte[].class).getData();
    }
}
