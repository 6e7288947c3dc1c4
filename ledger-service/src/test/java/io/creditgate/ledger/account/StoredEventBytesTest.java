package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** The hash chain and the event store's append share one serialisation of each new event (decision 37). */
class StoredEventBytesTest {

    private static final String USER = "user-1";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aChargedUsageIsSerialisedOnceForItsHashAndItsAppend() {
        CountingSerializer serializer = new CountingSerializer(StoredEventBytes.canonical().serializer());
        FixtureConfiguration<CreditAccount> fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(new StoredEventBytes(serializer));

        fixture.givenNoPriorActivity()
                .when(new ChargeUsage(USER, "e1", "r1", "gpt-4o-mini", "chat", new TokenCounts(10, 0, 5, 0), 30,
                        "EXACT", T0, 100))
                .expectSuccessfulHandlerExecution();
        List<? extends DomainEventMessage<?>> applied = fixture.getEventStore().readEvents(USER).asStream().toList();

        assertThat(applied).extracting(m -> m.getPayloadType().getSimpleName())
                .containsExactly("AccountOpened", "UsageCharged");
        // AccountOpened is applied before the account has its id: Axon copies that one message once the id is known,
        // and the copy serialises again (once per account). Every later event is serialised once.
        assertThat(serializer.calls).as("the usage serialised once, for its hash").containsEntry("UsageCharged", 1);
        String previous = JournalChain.GENESIS;
        for (DomainEventMessage<?> message : applied) {
            // What JdbcEventStorageEngine does when it appends: the bytes the hash covered, not serialised again.
            byte[] stored = message.serializePayload(serializer, byte[].class).getData();
            assertThat(stored).isEqualTo(CanonicalJson.write((LedgerEvent) message.getPayload()));
            assertThat(message.getMetaData().get(JournalChain.PREVIOUS_HASH)).isEqualTo(previous);
            previous = JournalChain.hash((LedgerEvent) message.getPayload(), message.getSequenceNumber(), previous);
        }
        assertThat(serializer.calls).as("the append reuses the hashed bytes").containsEntry("UsageCharged", 1);
    }

    /** Counts the payloads it serialises. */
    private static final class CountingSerializer implements Serializer {

        private final Serializer delegate;
        private final Map<String, Integer> calls = new ConcurrentHashMap<>();

        CountingSerializer(Serializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            calls.merge(object.getClass().getSimpleName(), 1, Integer::sum);
            return delegate.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return delegate.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            return delegate.deserialize(serializedObject);
        }

        @Override
        public Class classForType(SerializedType type) {
            return delegate.classForType(type);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            return delegate.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return delegate.getConverter();
        }
    }
}
