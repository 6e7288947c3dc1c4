package io.creditgate.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.creditgate.ledger.account.CanonicalJson;
import io.creditgate.ledger.account.JournalChain;
import io.creditgate.ledger.account.JournalGenerator;
import io.creditgate.ledger.account.LedgerEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/** One account's replay, entry by entry: the fold, and the first broken link with a reason for each way to break. */
class AccountReplayTest {

    private static final JournalGenerator.Account ACCOUNT = new JournalGenerator(7, 1_000_000)
            .account("user-7", 60, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void anIntactJournalFoldsToTheBalanceItWasGeneratedFor() {
        AccountReplay replay = replayOf(entries());
        assertThat(replay.broken).isNull();
        assertThat(replay.version()).isEqualTo(ACCOUNT.version());
        assertThat(replay.state.balance().balanceCredits()).isEqualTo(ACCOUNT.expectedBalance());
        assertThat(replay.state.balance().spentCycleCredits()).isEqualTo(ACCOUNT.expectedSpent());
    }

    @Test
    void aChangedPayloadBreaksTheNextLink() {
        List<JournalEntry> entries = entries();
        JournalEntry third = entries.get(2);
        byte[] changed = third.payload().clone();
        changed[changed.length / 2] ^= 0x01;
        entries.set(2, new JournalEntry(third.userId(), 2, third.type(), third.previousHash(), changed, 2));

        ReplayReport.BrokenLink broken = replayOf(entries).broken;
        assertThat(broken).isNotNull();
        assertThat(broken.source()).isEqualTo(ReplayReport.JOURNAL_TOPIC);
        // Either the flipped byte no longer reads, or it reads and its hash no longer matches the next link.
        assertThat(broken.sequence()).isBetween(2L, 3L);
        assertThat(broken.reason()).containsAnyOf("does not match event 2", "unreadable", "rejects");
    }

    @Test
    void aMissingRepeatedOrReorderedEventIsNamed() {
        List<JournalEntry> missing = entries();
        missing.remove(4);
        assertThat(replayOf(missing).broken.reason()).contains("expected sequence 4 but found 5");

        List<JournalEntry> repeated = entries();
        repeated.add(5, repeated.get(4));
        assertThat(replayOf(repeated).broken.reason()).contains("expected sequence 5 but found 4");
    }

    @Test
    void aFirstEventThatDoesNotStartTheChainIsNamed() {
        List<JournalEntry> entries = entries();
        JournalEntry first = entries.get(0);
        entries.set(0, new JournalEntry(first.userId(), 0, first.type(), "f".repeat(64), first.payload(), 0));
        ReplayReport.BrokenLink broken = replayOf(entries).broken;
        assertThat(broken.sequence()).isZero();
        assertThat(broken.reason()).contains("does not start the chain");
        assertThat(broken.expectedHash()).isEqualTo(JournalChain.GENESIS);
    }

    @Test
    void anEventTheFoldRejectsOrCannotReadIsNamedEvenWhenItsLinkHolds() {
        // A usage whose recorded balance is off by one credit, linked correctly: only the fold can tell.
        List<JournalEntry> entries = entries();
        int usage = indexOf(entries, "UsageCharged");
        JournalEntry original = entries.get(usage);
        String json = new String(original.payload(), StandardCharsets.UTF_8);
        String wrong = json.replaceFirst("\"balanceCredits\":(\\d+)", "\"balanceCredits\":1$1");
        assertThat(wrong).isNotEqualTo(json);
        entries.set(usage, new JournalEntry(original.userId(), original.sequence(), original.type(),
                original.previousHash(), wrong.getBytes(StandardCharsets.UTF_8), original.globalIndex()));
        ReplayReport.BrokenLink rejected = replayOf(entries).broken;
        assertThat(rejected.sequence()).isEqualTo(usage);
        assertThat(rejected.reason()).startsWith("the fold rejects the event");

        List<JournalEntry> unreadable = entries();
        JournalEntry event = unreadable.get(usage);
        unreadable.set(usage, new JournalEntry(event.userId(), event.sequence(), "NoSuchEvent", event.previousHash(),
                event.payload(), event.globalIndex()));
        assertThat(replayOf(unreadable).broken.reason()).contains("unreadable event").contains("NoSuchEvent");
    }

    @Test
    void journalsWithRefundsBelowZeroDisputesAndSubscriptionsReplayToTheirBalances() {
        JournalGenerator generator = new JournalGenerator(11, 1_000_000);
        java.util.Map<String, Integer> types = new java.util.TreeMap<>();
        int negative = 0;
        for (int i = 0; i < 300; i++) {
            JournalGenerator.Account account = generator.account("user-" + i, 120, Instant.parse("2026-01-01T00:00:00Z"));
            AccountReplay replay = new AccountReplay(account.userId(), ReplayReport.JOURNAL_TOPIC, true);
            entries(account).forEach(replay::next);
            assertThat(replay.broken).as(account.userId()).isNull();
            assertThat(replay.state.balance().balanceCredits()).as(account.userId()).isEqualTo(account.expectedBalance());
            assertThat(replay.state.balance().cycleCredits()).as(account.userId()).isEqualTo(account.expectedCycle());
            account.events().forEach(event -> types.merge(event.getPayloadType().getSimpleName(), 1, Integer::sum));
            negative += account.events().stream().map(DomainEventMessage::getPayload).anyMatch(event ->
                    event instanceof io.creditgate.ledger.account.PurchaseRefunded refund && refund.uncoveredCredits() > 0
                            || event instanceof io.creditgate.ledger.account.PurchaseDisputeClosed closure
                                    && closure.uncoveredCredits() > 0) ? 1 : 0;
        }
        assertThat(types).containsKeys("PurchaseRefunded", "PurchaseDisputed", "PurchaseDisputeClosed", "SubscriptionEnded",
                "PlanAssigned", "AllowanceRenewed");
        assertThat(negative).as("accounts a refund or a lost dispute took below zero").isPositive();
    }

    private static int indexOf(List<JournalEntry> entries, String type) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).type().equals(type)) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " in the generated journal");
    }

    private static AccountReplay replayOf(List<JournalEntry> entries) {
        AccountReplay replay = new AccountReplay(ACCOUNT.userId(), ReplayReport.JOURNAL_TOPIC, true);
        entries.forEach(replay::next);
        return replay;
    }

    /** The generated journal as the topic would carry it: canonical bytes, each linked to the one before. */
    private static List<JournalEntry> entries() {
        return entries(ACCOUNT);
    }

    private static List<JournalEntry> entries(JournalGenerator.Account account) {
        List<JournalEntry> entries = new ArrayList<>();
        String previous = JournalChain.GENESIS;
        for (DomainEventMessage<?> message : account.events()) {
            LedgerEvent event = (LedgerEvent) message.getPayload();
            byte[] payload = CanonicalJson.write(event);
            String type = event.getClass().getSimpleName();
            long sequence = message.getSequenceNumber();
            entries.add(new JournalEntry(account.userId(), sequence, type, previous, payload, sequence));
            previous = JournalChain.hash(type, sequence, previous, payload);
        }
        return entries;
    }
}
