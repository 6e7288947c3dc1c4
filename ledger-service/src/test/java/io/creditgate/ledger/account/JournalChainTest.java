package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** The hash chain: the aggregate links every event to the one before; a removed, reordered or altered event breaks it. */
class JournalChainTest {

    private static final String USER = "user-1";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final TokenCounts TOKENS = new TokenCounts(10, 0, 5, 0);

    private static final AccountOpened OPENED = new AccountOpened(USER, 100, T0);
    private static final UsageCharged USAGE_1 = new UsageCharged(USER, "e1", "r1", "gpt-4o-mini", "chat", TOKENS, 30,
            "EXACT", T0, List.of(new GrantBurn("opening", 30)), new AccountBalance(70, 100, 30));
    private static final UsageCharged USAGE_2 = new UsageCharged(USER, "e2", "r2", "gpt-4o-mini", "chat", TOKENS, 20,
            "EXACT", T0, List.of(new GrantBurn("opening", 20)), new AccountBalance(50, 100, 50));

    /** A journal as stored: each event with the previous hash it carries. */
    private record Stored(LedgerEvent event, String previousHash) {
    }

    private static List<Stored> chained(LedgerEvent... events) {
        JournalChain chain = new JournalChain();
        List<Stored> stored = new ArrayList<>();
        for (LedgerEvent event : events) {
            stored.add(new Stored(event, chain.head()));
            chain.append(event);
        }
        return stored;
    }

    /** The sequence number of the first link whose previous hash differs from the hash of what precedes it, or -1. */
    private static long firstBrokenLink(List<Stored> journal) {
        JournalChain chain = new JournalChain();
        for (Stored stored : journal) {
            if (!stored.previousHash().equals(chain.head())) {
                return chain.nextSequence();
            }
            chain.append(stored.event());
        }
        return -1;
    }

    @Test
    void anIntactJournalVerifiesAndTheHashDependsOnTypeSequencePreviousAndContent() {
        assertThat(firstBrokenLink(chained(OPENED, USAGE_1, USAGE_2))).isEqualTo(-1);
        String hash = JournalChain.hash(USAGE_1, 1, JournalChain.GENESIS);
        assertThat(hash).hasSize(64).isEqualTo(JournalChain.hash(USAGE_1, 1, JournalChain.GENESIS));
        assertThat(JournalChain.hash(USAGE_1, 2, JournalChain.GENESIS)).isNotEqualTo(hash);
        assertThat(JournalChain.hash(USAGE_1, 1, hash)).isNotEqualTo(hash);
        assertThat(JournalChain.hash(USAGE_2, 1, JournalChain.GENESIS)).isNotEqualTo(hash);
    }

    @Test
    void aRemovedEventBreaksTheNextLink() {
        List<Stored> journal = new ArrayList<>(chained(OPENED, USAGE_1, USAGE_2));
        journal.remove(1);
        assertThat(firstBrokenLink(journal)).isEqualTo(1);
    }

    @Test
    void reorderedEventsBreakTheChain() {
        List<Stored> journal = new ArrayList<>(chained(OPENED, USAGE_1, USAGE_2));
        journal.add(1, journal.remove(2));
        assertThat(firstBrokenLink(journal)).isEqualTo(1);
    }

    @Test
    void anAlteredEventBreaksTheLinkAfterIt() {
        List<Stored> journal = new ArrayList<>(chained(OPENED, USAGE_1, USAGE_2));
        UsageCharged altered = new UsageCharged(USER, "e1", "r1", "gpt-4o", "chat", TOKENS, 30, "EXACT", T0,
                List.of(new GrantBurn("opening", 30)), new AccountBalance(70, 100, 30));
        journal.set(1, new Stored(altered, journal.get(1).previousHash()));
        assertThat(firstBrokenLink(journal)).isEqualTo(2);
    }

    @Test
    void theAggregateStoresThePreviousHashInEachEventsMetadata() {
        FixtureConfiguration<CreditAccount> fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(StoredEventBytes.canonical());
        List<EventMessage<?>> published = new ArrayList<>();
        fixture.givenNoPriorActivity()
                .when(new ChargeUsage(USER, "e1", "r1", "gpt-4o-mini", "chat", TOKENS, 30, "EXACT", T0, 100))
                .expectSuccessfulHandlerExecution();
        fixture.getEventStore().readEvents(USER).asStream().forEach(published::add);
        assertThat(published).hasSize(2);
        assertThat(published.get(0).getMetaData().get(JournalChain.PREVIOUS_HASH)).isEqualTo(JournalChain.GENESIS);
        assertThat(published.get(1).getMetaData().get(JournalChain.PREVIOUS_HASH))
                .isEqualTo(JournalChain.hash((LedgerEvent) published.get(0).getPayload(), 0, JournalChain.GENESIS));
        assertThat(firstBrokenLink(published.stream()
                .map(m -> new Stored((LedgerEvent) m.getPayload(), (String) m.getMetaData().get(JournalChain.PREVIOUS_HASH)))
                .toList())).isEqualTo(-1);
    }
}
