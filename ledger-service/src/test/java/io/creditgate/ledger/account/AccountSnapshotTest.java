package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.creditgate.ledger.GeneratedJournals;
import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A long account is snapshotted, and then loads from the snapshot and the events after it only. */
class AccountSnapshotTest extends LedgerServiceTestBase {

    private static final int EVENTS = 5_000;

    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private StoredEventBytes storedEventBytes;

    @Test
    void theAggregateHashesEventsWithTheEventStoresOwnSerializer() {
        // Another serializer would still hash the same canonical bytes, but every append would serialise again.
        assertThat(storedEventBytes.serializer())
                .isSameAs(((AbstractEventStorageEngine) storageEngine).getEventSerializer());
    }

    @Test
    void aLongAccountIsSnapshottedAndThenLoadsOnlyTheTailAfterTheSnapshot() throws Exception {
        String user = "snap-" + UUID.randomUUID();
        JournalGenerator.Account journal = new JournalGenerator(11, STARTING_CREDITS)
                .account(user, EVENTS, Instant.now().minus(Duration.ofDays(400)));
        projections().pause();
        try {
            new TransactionTemplate(transactions).executeWithoutResult(
                    status -> GeneratedJournals.store(jdbc, storageEngine, List.of(journal)));
            assertThat(snapshotSequence(user)).isNull();

            // The first command loads every event; crossing the threshold (500) makes Axon snapshot the account.
            long start = System.nanoTime();
            assertThat(postGrant(user, """
                    {"amountCredits": 1000, "reason": "after the long history", "grantId": "snap-1"}""").status())
                    .isEqualTo(201);
            long fullLoadMillis = (System.nanoTime() - start) / 1_000_000;
            await().atMost(WAIT).until(() -> snapshotSequence(user) != null);
            long snapshotAt = snapshotSequence(user);
            assertThat(snapshotAt).isGreaterThanOrEqualTo(journal.version());

            start = System.nanoTime();
            assertThat(postGrant(user, """
                    {"amountCredits": 2000, "reason": "from the snapshot", "grantId": "snap-2"}""").status())
                    .isEqualTo(201);
            long snapshotLoadMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("snapshot test: %,d events; first command (loads every event, then snapshots) %,d ms, the next %,d ms%n",
                    EVENTS, fullLoadMillis, snapshotLoadMillis);

            // What a load reads now: the snapshot, then only the events after it.
            List<DomainEventMessage<?>> load = new ArrayList<>();
            eventStore.readEvents(user).asStream().forEach(load::add);
            long version = jdbc.queryForObject("SELECT version FROM account WHERE user_id = ?", Long.class, user);
            assertThat(load.get(0).getPayloadType().getSimpleName()).isEqualTo("CreditAccount");
            assertThat(load.get(0).getSequenceNumber()).isEqualTo(snapshotAt);
            assertThat(load).hasSize(1 + (int) (version - snapshotAt));
            assertThat(load.size()).isLessThan(10);
            assertThat(load.get(load.size() - 1).getPayload()).isInstanceOf(CreditsGranted.class);

            // The events decided from the snapshot fold and chain exactly like the rest of the journal.
            AccountState fold = new AccountState();
            JournalChain chain = new JournalChain();
            storageEngine.readEvents(user, 0).asStream().forEach(message -> {
                assertThat(message.getMetaData().get(JournalChain.PREVIOUS_HASH)).as("link " + message.getSequenceNumber())
                        .isEqualTo(chain.head());
                fold.apply((LedgerEvent) message.getPayload());
                chain.append((LedgerEvent) message.getPayload());
            });
            assertThat(chain.nextSequence() - 1).isEqualTo(version);
            assertThat(fold.balance().balanceCredits()).isEqualTo(balanceOf(user));
            assertThat(fold.openGrantsInBurnOrder()).extracting(Grant::grantId).contains("snap-1", "snap-2");
        } finally {
            projections().resumeAtHead();
        }
    }

    private Long snapshotSequence(String user) {
        return jdbc.queryForObject("SELECT max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Long.class, user);
    }

    private Projections projections() {
        return new Projections(processing);
    }
}
