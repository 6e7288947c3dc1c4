package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.Test;

/**
 * The account links every new event to the hash of the one before, over every kind of event it loaded: a new event
 * after a journal of every kind carries the head of a chain computed apart from the account.
 */
class AccountChainTest {

    private static final String USER = "user-1";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");
    private static final Instant D1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final PlanTerms PRO = new PlanTerms("pro", CyclePeriod.MONTHLY, 500, Rollover.RESET, 0, "UTC",
            RenewedBy.PAYMENT);

    @Test
    void aNewEventCarriesTheHashOfAJournalOfEveryKindOfEvent() {
        Journal journal = new Journal();
        AccountState s = journal.state;
        journal.add(new AccountOpened(USER, 1_000, T0));
        journal.add(new CreditsGranted(USER, "g1", 500, "why", "admin", T0, GrantCategory.PROMOTIONAL, null, 100, 0,
                s.balance().granted(500)));
        journal.add(new PurchaseGranted(USER, "p1", "e", 5_000, T0, 0, s.balance().granted(5_000), "manual", "PIX-1"));
        journal.add(new UsageCharged(USER, "u1", "r", "m", "chat.completions", new TokenCounts(1, 0, 1, 0), 100, "EXACT", T1,
                List.of(new GrantBurn("opening", 100)), s.balance().charged(100)));
        journal.add(new CreditsGranted(USER, "g2", 200, "why", "admin", T0, GrantCategory.PROMOTIONAL, T1, 100, 0,
                s.balance().granted(200)));
        journal.add(new GrantExpired(USER, "g2", 200, T1, s.balance().removed(200)));
        journal.add(new GrantRevoked(USER, "g1", 500, "why", "admin", T1, s.balance().removed(500)));
        journal.add(new PurchaseRefunded(USER, "p1", "r1", "e", 1_000, 1_000, T1, s.balance().removed(1_000), List.of(), 0));
        journal.add(new PurchaseDisputed(USER, "p1", "d1", "e", 1_000, 1_000, 1_000, T1, s.balance().removed(1_000)));
        journal.add(new PurchaseDisputeClosed(USER, "p1", "d1", "e", DisputeOutcome.WON, 1_000, 0, 1_000, 0, 0, List.of(), 0,
                T1, s.balance().granted(1_000)));
        journal.add(new SubscriptionEnded(USER, "s0", "pro", "e", T1, s.balance()));
        journal.add(new BalanceAdjusted(USER, "a1", 5, "why", "admin", T1, List.of(), 0, s.balance().granted(5)));
        journal.add(new UserBlocked(USER, "why", "admin", T1, s.balance().withBlocked(true)));
        journal.add(new UserUnblocked(USER, "why", "admin", T1, s.balance().withBlocked(false)));
        journal.add(new CycleCapSet(USER, 100_000L, "why", "admin", T1, s.balance().withCycleCap(100_000L)));
        journal.add(new PlanAssigned(USER, PRO, "subscription", "stripe:s1", T1, s.balance().withPlan("pro")));
        journal.add(new AllowanceRenewed(USER, "pro", T1, D1, 500, List.of(), 0, s.allowanceGrantId(T1), 0,
                s.balance().renewed(0, 500, T1, D1), "in1", "s1"));
        String head = journal.chain.head();
        // The account's own fold must have followed every event too: the charge's state is the independent fold's.
        AccountBalance expectedAfter = s.balance().charged(1);
        String expected = "one event linked to " + head + " with the state " + expectedAfter;

        FixtureConfiguration<CreditAccount> fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(StoredEventBytes.canonical());
        fixture.given(journal.events)
                .when(new ChargeUsage(USER, "u2", "r", "m", "chat.completions", new TokenCounts(1, 0, 1, 0), 1, "EXACT", T1, 0))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(new CustomTypeSafeMatcher<List<? super EventMessage<?>>>(expected) {
                    @Override
                    protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                        if (events.size() != 1) {
                            return false;
                        }
                        EventMessage<?> event = (EventMessage<?>) events.get(0);
                        return head.equals(event.getMetaData().get(JournalChain.PREVIOUS_HASH))
                                && event.getPayload() instanceof UsageCharged usage && usage.after().equals(expectedAfter);
                    }
                });
        assertThat(journal.events).hasSize(17);
    }

    /** A journal built event by event, each folded and chained as it is added. */
    private static final class Journal {
        final AccountState state = new AccountState();
        final JournalChain chain = new JournalChain();
        final List<Object> events = new ArrayList<>();

        void add(LedgerEvent event) {
            state.apply(event);
            chain.append(event);
            events.add(event);
        }
    }
}
