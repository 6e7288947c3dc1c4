package io.creditgate.ledger.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Writes a realistic journal fast, for the replay's volume test: one account at a time, deciding each event the
 * way {@link CreditAccount} does (due grants expire first, burns and settled debt from {@link AccountState}'s own
 * decisions) and chaining it with {@link JournalChain}. The balance it expects is kept by plain addition, apart
 * from the fold, so a test can compare the two.
 */
public final class JournalGenerator {

    private final Random random;
    private final long startingCredits;

    public JournalGenerator(long seed, long startingCredits) {
        this.random = new Random(seed);
        this.startingCredits = startingCredits;
    }

    /** One account's journal and the balance it must end with. */
    public record Account(String userId, List<DomainEventMessage<?>> events, long expectedBalance, long expectedCycle,
            long expectedSpent, Instant openedAt, Instant lastAt, List<Grant> openGrants) {

        public long version() {
            return events.size() - 1;
        }
    }

    /** A journal of at least {@code minEvents} events: usage, grants (some expiring), purchases, refunds, expiries. */
    public Account account(String userId, int minEvents, Instant start) {
        Writer writer = new Writer(userId);
        Instant at = start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        writer.emit(new AccountOpened(userId, startingCredits, at));
        Instant openedAt = at;
        long expected = startingCredits;
        long cycle = startingCredits;
        long spent = 0;
        int purchases = 0;
        int refunds = 0;
        int grants = 0;
        int usage = 0;
        while (writer.events.size() < minEvents) {
            at = at.plusMillis(1 + random.nextInt(120_000));
            for (Grant grant : writer.state.dueForExpiry(at)) {
                writer.emit(new GrantExpired(userId, grant.grantId(), grant.remainingCredits(), grant.expiresAt(),
                        writer.state.balance().removed(grant.remainingCredits())));
                expected -= grant.remainingCredits();
                cycle -= grant.remainingCredits();
            }
            int kind = random.nextInt(100);
            if (kind < 75) {
                long cost = 1 + random.nextInt(40_000);
                writer.emit(new UsageCharged(userId, userId + "-u" + usage, "req-" + usage, "gpt-4o-mini",
                        "chat.completions", new TokenCounts(100, 10, 50, 0), cost, "EXACT", at,
                        writer.state.burnsFor(cost), writer.state.balance().charged(cost)));
                usage++;
                expected -= cost;
                spent += cost;
            } else if (kind < 87) {
                long amount = 1 + random.nextInt(300_000);
                Instant expiresAt = random.nextBoolean() ? at.plus(Duration.ofMinutes(1 + random.nextInt(30))) : null;
                writer.emit(new CreditsGranted(userId, "g" + grants++, amount, "volume test", "test", at,
                        random.nextBoolean() ? GrantCategory.PROMOTIONAL : GrantCategory.PAID, expiresAt,
                        random.nextInt(AccountState.MAX_PRIORITY + 1), writer.state.debtSettledBy(amount),
                        writer.state.balance().granted(amount)));
                expected += amount;
                cycle += amount;
            } else if (kind < 95 || purchases == 0) {
                long amount = 10_000 + random.nextInt(500_000);
                writer.emit(new PurchaseGranted(userId, "p" + purchases++, "evt-p" + purchases, amount, at,
                        writer.state.debtSettledBy(amount), writer.state.balance().granted(amount)));
                expected += amount;
                cycle += amount;
            } else {
                String purchaseId = "p" + random.nextInt(purchases);
                long unspent = writer.state.openGrant(AccountState.purchaseGrantId(purchaseId))
                        .map(Grant::remainingCredits).orElse(0L);
                long requested = 1 + random.nextInt(200_000);
                long taken = Math.min(requested, unspent);
                writer.emit(new PurchaseRefunded(userId, purchaseId, "r" + refunds++, "evt-r" + refunds, requested, taken,
                        at, writer.state.balance().removed(taken)));
                expected -= taken;
                cycle -= taken;
            }
        }
        return new Account(userId, writer.events, expected, cycle, spent, openedAt, at,
                writer.state.openGrantsInBurnOrder());
    }

    private static final class Writer {

        final String userId;
        final AccountState state = new AccountState();
        final JournalChain chain = new JournalChain();
        final List<DomainEventMessage<?>> events = new ArrayList<>();

        Writer(String userId) {
            this.userId = userId;
        }

        void emit(LedgerEvent event) {
            events.add(new GenericDomainEventMessage<>("CreditAccount", userId, chain.nextSequence(), event,
                    MetaData.with(JournalChain.PREVIOUS_HASH, chain.head())));
            state.apply(event);
            chain.append(event);
        }
    }
}
