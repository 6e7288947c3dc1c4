package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link AccountState}, the one fold of the journal (the aggregate's and the audit replay's): it reproduces generated
 * journals, and refuses every kind of corrupt or tampered event with a message saying what does not match.
 */
class AccountStateFoldTest {

    private static final String USER = "user-1";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");
    private static final Instant D1 = Instant.parse("2026-11-26T00:00:00Z");
    private static final JsonMapper JSON = CanonicalJson.configure(JsonMapper.builder()).build();
    private static final PlanTerms DAILY = new PlanTerms("daily", CyclePeriod.DAILY, 500, Rollover.RESET, 0, "UTC");
    private static final PlanTerms PRO = new PlanTerms("pro", CyclePeriod.MONTHLY, 500, Rollover.RESET, 0, "UTC",
            RenewedBy.PAYMENT);

    // --- a valid journal of every kind ---

    @Test
    void generatedJournalsFoldToTheBalancesTheyWereGeneratedFor() {
        JournalGenerator generator = new JournalGenerator(5, 1_000_000);
        for (int i = 0; i < 60; i++) {
            JournalGenerator.Account account = generator.account("user-" + i, 150, T0);
            AccountState state = new AccountState();
            for (DomainEventMessage<?> message : account.events()) {
                state.apply((LedgerEvent) message.getPayload());
            }
            assertThat(state.userId()).isEqualTo(account.userId());
            assertThat(state.balance().balanceCredits()).isEqualTo(account.expectedBalance());
            assertThat(state.balance().cycleCredits()).isEqualTo(account.expectedCycle());
            assertThat(state.balance().spentCycleCredits()).isEqualTo(account.expectedSpent());
            assertThat(state.openGrantsInBurnOrder()).isEqualTo(account.openGrants());
            long held = state.openGrantsInBurnOrder().stream().mapToLong(Grant::remainingCredits).sum();
            assertThat(held - state.overdraftCredits()).isEqualTo(account.expectedBalance());
            assertThat(state.heldCredits()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void adminEventsFoldThroughTheReplaysEntryPoint() {
        AccountState state = fold(opened(1_000),
                new BalanceAdjusted(USER, "a1", 500, "why", "admin", T1, List.of(), 0, bal(1_500, 1_500, 0)),
                new BalanceAdjusted(USER, "a2", -300, "why", "admin", T1, List.of(burn("opening", 300)), 0,
                        bal(1_200, 1_200, 0)),
                new UserBlocked(USER, "why", "admin", T1, new AccountBalance(1_200, 1_200, 0, null, true, "default", T0, null)),
                new UserUnblocked(USER, "why", "admin", T1, bal(1_200, 1_200, 0)),
                new CycleCapSet(USER, 0L, "why", "admin", T1, new AccountBalance(1_200, 1_200, 0, 0L, false, "default", T0,
                        null)));
        assertThat(state.balance().cycleCapCredits()).isZero();
        assertThat(state.balance().spendableCredits()).isZero();
        assertThat(state.openGrantsInBurnOrder()).extracting(Grant::grantId, Grant::remainingCredits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("opening", 700L),
                        org.assertj.core.groups.Tuple.tuple(AccountState.adjustmentGrantId("a1"), 500L));
        assertThat(AccountState.adjustmentGrantId("a1")).isEqualTo("adjustment:a1");
    }

    @Test
    void aPartlyHeldPurchaseReleasedGetsItsCreditsBackInTheSameGrant() {
        AccountState state = fold(opened(1_000), purchased("p1", 5_000, bal(6_000, 6_000, 0)),
                disputed("p1", "d1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)));
        assertThat(state.heldCredits()).isEqualTo(3_000);
        assertThat(state.openGrant("purchase:p1")).get().extracting(Grant::remainingCredits).isEqualTo(2_000L);
        state.apply(closed("p1", "d1", DisputeOutcome.WON, 3_000, 0, 3_000, 0, List.of(), 0, bal(6_000, 6_000, 0)));
        assertThat(state.heldCredits()).isZero();
        assertThat(state.openGrant("purchase:p1")).get().extracting(Grant::remainingCredits, Grant::amountCredits)
                .containsExactly(5_000L, 5_000L);
        assertThat(state.openGrantsInBurnOrder()).extracting(Grant::grantId).containsExactly("opening", "purchase:p1");
    }

    @Test
    void aDisputeOrOldRefundOfAFullySpentPurchaseTakesNothingFromIt() {
        AccountState state = fold(opened(0), purchased("p1", 5_000, bal(5_000, 5_000, 0)),
                usage("u1", 5_000, List.of(burn("purchase:p1", 5_000)), bal(0, 5_000, 5_000)),
                disputed("p1", "d1", 5_000, 5_000, 0, bal(0, 5_000, 5_000)),
                new PurchaseRefunded(USER, "p1", "r1", "e", 1_000, 0, T1, bal(0, 5_000, 5_000)));
        assertThat(state.balance().balanceCredits()).isZero();
        assertThat(state.refundableCredits("p1")).isEqualTo(4_000);
        assertThat(state.openDispute("d1").heldCredits()).isZero();
    }

    // --- corrupt or tampered events ---

    static Stream<Arguments> corruptEvents() {
        List<LedgerEvent> open = List.of(opened(1_000));
        List<LedgerEvent> bought = List.of(opened(1_000), purchased("p1", 5_000, bal(6_000, 6_000, 0)));
        List<LedgerEvent> disputed = List.of(opened(1_000), purchased("p1", 5_000, bal(6_000, 6_000, 0)),
                disputed("p1", "d1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)));
        List<LedgerEvent> daily = List.of(opened(1_000), new PlanAssigned(USER, DAILY, "why", "admin", T1,
                money(1_000, 1_000, 0, "daily", T0, null)));
        List<LedgerEvent> blocked = List.of(opened(1_000), new UserBlocked(USER, "why", "admin", T1,
                new AccountBalance(1_000, 1_000, 0, null, true, "default", T0, null)));
        LedgerEvent grant = granted("g1", 500, null, 0, bal(1_500, 1_500, 0));
        LedgerEvent expiring = granted("g1", 500, T1, 0, bal(1_500, 1_500, 0));
        LedgerEvent refund = refunded("p1", "r1", 5_000, 5_000, List.of(), 0, bal(1_000, 1_000, 0));
        LedgerEvent dispute = disputed("p1", "d1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0));
        LedgerEvent won = closed("p1", "d1", DisputeOutcome.WON, 3_000, 0, 3_000, 0, List.of(), 0, bal(6_000, 6_000, 0));
        LedgerEvent lost = closed("p1", "d1", DisputeOutcome.LOST, 3_000, 3_000, 0, 0, List.of(), 0, bal(3_000, 3_000, 0));
        LedgerEvent renewal = new AllowanceRenewed(USER, "daily", T1, D1, 500, List.of(), 0, "allowance:1", 0,
                money(1_500, 1_500, 0, "daily", T1, D1));
        return Stream.of(
                corrupt("opened twice", open, opened(1_000), null, null, "opened twice"),
                corrupt("opened on invalid terms", List.of(), new AccountOpened(USER, 5, T0,
                        new PlanTerms("bad id", CyclePeriod.NONE, 0, Rollover.RESET, 0, "UTC")), null, null, "invalid plan"),
                corrupt("grant settling debt that is not owed", open, grant, "debtSettledCredits", 1, "debt settled"),
                corrupt("grant made twice", List.of(opened(1_000), grant), granted("g1", 500, null, 0,
                        bal(2_000, 2_000, 0)), null, null, "made twice"),
                corrupt("usage burning other grants", open, usage("u1", 100, List.of(burn("opening", 50)),
                        bal(900, 1_000, 100)), null, null, "records burns"),
                corrupt("expiry of more than the grant holds", List.of(opened(1_000), expiring),
                        new GrantExpired(USER, "g1", 400, T1, bal(1_100, 1_100, 0)), null, null, "expiry of g1"),
                corrupt("revocation of less than the grant holds", open,
                        new GrantRevoked(USER, "opening", 999, "why", "admin", T1, bal(1, 1, 0)), null, null, "revocation of"),
                corrupt("refund of an unknown purchase", bought, refund, "purchaseId", "p404", "unknown purchase"),
                corrupt("refund applied twice", List.of(opened(1_000), purchased("p1", 5_000, bal(6_000, 6_000, 0)),
                        refunded("p1", "r1", 1_000, 1_000, List.of(), 0, bal(5_000, 5_000, 0))),
                        refunded("p1", "r1", 1_000, 1_000, List.of(), 0, bal(4_000, 4_000, 0)), null, null, "applied twice"),
                corrupt("refund taking below zero what the purchase covers", bought, refund, "uncoveredCredits", 1,
                        "but the fold takes"),
                corrupt("old-rule refund taking more than was unspent", bought,
                        new PurchaseRefunded(USER, "p1", "r1", "e", 5_000, 4_000, T1, bal(2_000, 2_000, 0)), null, null,
                        "but the purchase had"),
                corrupt("dispute of an unknown purchase", bought, dispute, "purchaseId", "p404", "unknown purchase"),
                corrupt("dispute opened twice", disputed, disputed("p1", "d1", 1_000, 1_000, 1_000, bal(2_000, 2_000, 0)),
                        null, null, "opened twice"),
                corrupt("dispute holding more than it may", bought, dispute, "heldCredits", 4_000, "records"),
                corrupt("close of a dispute not open", disputed, won, "disputeId", "d9", "not open"),
                corrupt("close releasing more than was held", disputed, won, "releasedCredits", 2_000, "closes taking"),
                corrupt("close releasing nothing but settling debt", disputed, lost, "debtSettledCredits", 1,
                        "releases nothing"),
                corrupt("subscription ended twice", List.of(opened(1_000),
                        new SubscriptionEnded(USER, "s1", "pro", "e", T1, bal(1_000, 1_000, 0))),
                        new SubscriptionEnded(USER, "s1", "pro", "e", T1, bal(1_000, 1_000, 0)), null, null, "ended twice"),
                corrupt("adjustment of zero", open, new BalanceAdjusted(USER, "a1", 0, "why", "admin", T1, List.of(), 0,
                        bal(1_000, 1_000, 0)), null, null, "zero or applied twice"),
                corrupt("positive adjustment that burns", open, new BalanceAdjusted(USER, "a1", 5, "why", "admin", T1,
                        List.of(burn("opening", 5)), 0, bal(1_005, 1_005, 0)), null, null, "burns nothing"),
                corrupt("negative adjustment burning other grants", open, new BalanceAdjusted(USER, "a1", -5, "why",
                        "admin", T1, List.of(), 0, bal(995, 995, 0)), null, null, "records burns"),
                corrupt("negative adjustment beyond the grants", open, new BalanceAdjusted(USER, "a1", -1_500, "why",
                        "admin", T1, List.of(burn("opening", 1_000)), 0, bal(-500, -500, 0)), null, null,
                        "takes more than the grants hold"),
                corrupt("blocked twice", blocked, new UserBlocked(USER, "why", "admin", T1,
                        new AccountBalance(1_000, 1_000, 0, null, true, "default", T0, null)), null, null, "blocked twice"),
                corrupt("unblocked while not blocked", open, new UserUnblocked(USER, "why", "admin", T1,
                        bal(1_000, 1_000, 0)), null, null, "while not blocked"),
                corrupt("negative cycle cap", open, new CycleCapSet(USER, -1L, "why", "admin", T1,
                        new AccountBalance(1_000, 1_000, 0, -1L, false, "default", T0, null)), null, null, "never negative"),
                corrupt("invalid plan assigned", open, new PlanAssigned(USER, new PlanTerms("bad id", CyclePeriod.NONE, 0,
                        Rollover.RESET, 0, "UTC"), "why", "admin", T1, bal(1_000, 1_000, 0)), null, null, "is invalid"),
                corrupt("renewal of another plan", daily, renewal, "planId", "weekly", "renewal of weekly"),
                corrupt("renewal before the cycle", daily, new AllowanceRenewed(USER, "daily", T0.minusSeconds(60), D1, 500,
                        List.of(), 0, "allowance:1", 0, money(1_500, 1_500, 0, "daily", T0.minusSeconds(60), D1)), null,
                        null, "does not follow"),
                corrupt("renewal whose end does not fit the period", daily, new AllowanceRenewed(USER, "daily", T1, null,
                        500, List.of(), 0, "allowance:1", 0, money(1_500, 1_500, 0, "daily", T1, null)), null, null,
                        "does not fit"),
                corrupt("invoice renewing a plan the clock renews", daily, new AllowanceRenewed(USER, "daily", T1, D1, 500,
                        List.of(), 0, "allowance:1", 0, money(1_500, 1_500, 0, "daily", T1, D1), "in1", "s1"), null, null,
                        "renewal by invoice"),
                corrupt("renewal rolling over what the plan does not", daily, renewal, "rolledOverCredits", 1, "rolls over"),
                corrupt("allowance grant under another prefix", daily, renewal, "grantId", "gift:1", "allowance grant id"),
                corrupt("empty allowance making a grant", List.of(opened(1_000)), new AllowanceRenewed(USER, "default", T1,
                        null, 0, List.of(), 0, "allowance:1", 0, money(1_000, 1_000, 0, "default", T1, null)), null, null,
                        "empty allowance"),
                corrupt("an event of another account", open, grant, "userId", "user-2", "event of user-2 on account user-1"),
                corrupt("a grant whose after disagrees", open, grant, "after.balanceCredits", 1_501, "stream is inconsistent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptEvents")
    void theFoldRefusesACorruptEventSayingWhatDoesNotMatch(String name, List<LedgerEvent> before, LedgerEvent event,
            String field, Object value, String message) {
        AccountState state = fold(before.toArray(LedgerEvent[]::new));
        LedgerEvent corrupt = field == null ? event : with(event, field, value);
        assertThatThrownBy(() -> state.apply(corrupt)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptEvents")
    void theUntamperedEventFolds(String name, List<LedgerEvent> before,
            LedgerEvent event, String field, Object value, String message) {
        if (field != null && !field.equals("userId") && !field.startsWith("after")) {
            AccountState state = fold(before.toArray(LedgerEvent[]::new));
            assertThatCode(() -> state.apply(event)).as("the untampered event folds").doesNotThrowAnyException();
        }
    }

    static Stream<Arguments> everyKindOfEvent() {
        return Stream.of(
                Arguments.of(List.of(), opened(1_000)),
                Arguments.of(List.of(opened(1_000)), granted("g1", 500, null, 0, bal(1_500, 1_500, 0))),
                Arguments.of(List.of(opened(1_000)), purchased("p1", 5_000, bal(6_000, 6_000, 0))),
                Arguments.of(List.of(opened(1_000)), usage("u1", 100, List.of(burn("opening", 100)), bal(900, 1_000, 100))),
                Arguments.of(List.of(opened(1_000), granted("g1", 500, T1, 0, bal(1_500, 1_500, 0))),
                        new GrantExpired(USER, "g1", 500, T1, bal(1_000, 1_000, 0))),
                Arguments.of(List.of(opened(1_000)), new GrantRevoked(USER, "opening", 1_000, "why", "admin", T1,
                        bal(0, 0, 0))),
                Arguments.of(List.of(opened(1_000), purchased("p1", 5_000, bal(6_000, 6_000, 0))),
                        refunded("p1", "r1", 5_000, 5_000, List.of(), 0, bal(1_000, 1_000, 0))),
                Arguments.of(List.of(opened(1_000), purchased("p1", 5_000, bal(6_000, 6_000, 0))),
                        disputed("p1", "d1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0))),
                Arguments.of(List.of(opened(1_000), purchased("p1", 5_000, bal(6_000, 6_000, 0)),
                                disputed("p1", "d1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0))),
                        closed("p1", "d1", DisputeOutcome.WON, 3_000, 0, 3_000, 0, List.of(), 0, bal(6_000, 6_000, 0))),
                Arguments.of(List.of(opened(1_000)), new SubscriptionEnded(USER, "s1", "pro", "e", T1, bal(1_000, 1_000, 0))),
                Arguments.of(List.of(opened(1_000)), new BalanceAdjusted(USER, "a1", 5, "why", "admin", T1, List.of(), 0,
                        bal(1_005, 1_005, 0))),
                Arguments.of(List.of(opened(1_000)), new UserBlocked(USER, "why", "admin", T1,
                        new AccountBalance(1_000, 1_000, 0, null, true, "default", T0, null))),
                Arguments.of(List.of(opened(1_000), new UserBlocked(USER, "why", "admin", T1,
                        new AccountBalance(1_000, 1_000, 0, null, true, "default", T0, null))),
                        new UserUnblocked(USER, "why", "admin", T1, bal(1_000, 1_000, 0))),
                Arguments.of(List.of(opened(1_000)), new CycleCapSet(USER, 5L, "why", "admin", T1,
                        new AccountBalance(1_000, 1_000, 0, 5L, false, "default", T0, null))),
                Arguments.of(List.of(opened(1_000)), new PlanAssigned(USER, PRO, "why", "admin", T1,
                        money(1_000, 1_000, 0, "pro", T0, null))),
                Arguments.of(List.of(opened(1_000), new PlanAssigned(USER, PRO, "why", "admin", T1,
                        money(1_000, 1_000, 0, "pro", T0, null))), new AllowanceRenewed(USER, "pro", T1, D1, 500, List.of(),
                        0, "allowance:1", 0, money(1_500, 1_500, 0, "pro", T1, D1), "in1", "s1")));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfEvent")
    void everyKindOfEventChecksItsAccountAndItsAfterState(List<LedgerEvent> before, LedgerEvent event) {
        AccountState valid = fold(before.toArray(LedgerEvent[]::new));
        valid.apply(event);
        assertThat(valid.balance()).isEqualTo(event.after());
        if (!before.isEmpty()) {
            AccountState other = fold(before.toArray(LedgerEvent[]::new));
            assertThatThrownBy(() -> other.apply(with(event, "userId", "user-2"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event of user-2 on account user-1");
            AccountState off = fold(before.toArray(LedgerEvent[]::new));
            assertThatThrownBy(() -> off.apply(with(event, "after.balanceCredits", event.after().balanceCredits() + 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("inconsistent");
        }
    }

    @Test
    void everyEventSaysWhenItHappenedWhatKindOfLineItIsAndHowMuchItMoved() {
        AccountBalance after = bal(0, 0, 0);
        List<Object[]> table = new ArrayList<>();
        table.add(new Object[] {opened(1_000), "OPENED", 1_000L, T0});
        table.add(new Object[] {granted("g1", 500, null, 0, after), "GRANT", 500L, T0});
        table.add(new Object[] {purchased("p1", 700, after), "PURCHASE", 700L, T0});
        table.add(new Object[] {usage("u1", 100, List.of(), after), "USAGE", -100L, T1});
        table.add(new Object[] {new GrantExpired(USER, "g1", 40, D1, after), "EXPIRY", -40L, D1});
        table.add(new Object[] {new GrantRevoked(USER, "g1", 30, "why", "admin", T1, after), "REVOKE", -30L, T1});
        table.add(new Object[] {refunded("p1", "r1", 900, 500, List.of(burn("g1", 200)), 100, after), "REFUND", -800L, T1});
        table.add(new Object[] {new PurchaseRefunded(USER, "p1", "r1", "e", 900, 500, T1, after), "REFUND", -500L, T1});
        table.add(new Object[] {disputed("p1", "d1", 900, 800, 300, after), "DISPUTE_HOLD", -300L, T1});
        table.add(new Object[] {closed("p1", "d1", DisputeOutcome.WON, 300, 0, 300, 0, List.of(), 0, after),
                "DISPUTE_RELEASE", 300L, T1});
        table.add(new Object[] {closed("p1", "d1", DisputeOutcome.LOST, 300, 300, 0, 0, List.of(burn("g1", 200)), 50, after),
                "DISPUTE_LOST", -250L, T1});
        table.add(new Object[] {new SubscriptionEnded(USER, "s1", "pro", "e", D1, after), "SUBSCRIPTION_END", 0L, D1});
        table.add(new Object[] {new BalanceAdjusted(USER, "a1", -5, "why", "admin", T1, List.of(), 0, after), "ADJUSTMENT",
                -5L, T1});
        table.add(new Object[] {new UserBlocked(USER, "why", "admin", T1, after), "BLOCK", 0L, T1});
        table.add(new Object[] {new UserUnblocked(USER, "why", "admin", D1, after), "UNBLOCK", 0L, D1});
        table.add(new Object[] {new CycleCapSet(USER, 5L, "why", "admin", T1, after), "CAP", 0L, T1});
        table.add(new Object[] {new PlanAssigned(USER, PRO, "why", "admin", D1, after), "PLAN", 0L, D1});
        table.add(new Object[] {new AllowanceRenewed(USER, "pro", D1, null, 500, List.of(burn("a", 70), burn("b", 30)), 20,
                "allowance:1", 0, after), "RENEWAL", 420L, D1});
        for (Object[] row : table) {
            LedgerEvent event = (LedgerEvent) row[0];
            assertThat(event.changeType()).as(event.getClass().getSimpleName()).isEqualTo(row[1]);
            assertThat(event.amountCredits()).as(event.getClass().getSimpleName()).isEqualTo(row[2]);
            assertThat(event.occurredAt()).as(event.getClass().getSimpleName()).isEqualTo(row[3]);
            assertThat(event.changeType().length()).as("fits the statement's type column").isLessThanOrEqualTo(16);
        }
        PurchaseRefunded refund = refunded("p1", "r1", 900, 500, List.of(burn("g1", 200)), 100, after);
        assertThat(refund.otherGrantsCredits()).isEqualTo(200);
        assertThat(refund.takenCredits()).isEqualTo(800);
        assertThat(refund.uncollectedCredits()).isZero();
        assertThat(refund.takesOnlyUnspent()).isFalse();
        PurchaseRefunded old = new PurchaseRefunded(USER, "p1", "r1", "e", 900, 500, T1, after);
        assertThat(old.uncollectedCredits()).isEqualTo(400);
        assertThat(old.otherGrantsCredits()).isZero();
        assertThat(old.takesOnlyUnspent()).isTrue();
        PurchaseDisputeClosed lost = closed("p1", "d1", DisputeOutcome.LOST, 300, 300, 0, 10, List.of(burn("g1", 200)), 50,
                after);
        assertThat(lost.takenBeyondHoldCredits()).isEqualTo(250);
        assertThat(lost.amountCredits()).isEqualTo(-250);
        AllowanceRenewed renewal = (AllowanceRenewed) table.get(table.size() - 1)[0];
        assertThat(renewal.forfeitedCredits()).isEqualTo(80);
    }

    // --- helpers ---

    private static Arguments corrupt(String name, List<LedgerEvent> before, LedgerEvent event, String field, Object value,
            String message) {
        return Arguments.of(name, before, event, field, value, message);
    }

    private static AccountState fold(LedgerEvent... events) {
        AccountState state = new AccountState();
        for (LedgerEvent event : events) {
            state.apply(event);
        }
        return state;
    }

    /** The event with one field of its canonical JSON changed (a dotted path reaches into {@code after}). */
    @SuppressWarnings("unchecked")
    private static <T extends LedgerEvent> T with(T event, String field, Object value) {
        ObjectNode node = (ObjectNode) JSON.readTree(CanonicalJson.write(event));
        ObjectNode target = node;
        String[] path = field.split("\\.");
        for (int i = 0; i < path.length - 1; i++) {
            target = (ObjectNode) target.get(path[i]);
        }
        JsonNode replacement = JSON.valueToTree(value);
        target.set(path[path.length - 1], replacement);
        return (T) CanonicalJson.read(JSON.writeValueAsBytes(node), event.getClass());
    }

    private static AccountOpened opened(long credits) {
        return new AccountOpened(USER, credits, T0);
    }

    private static AccountBalance bal(long balance, long cycle, long spent) {
        return money(balance, cycle, spent, "default", T0, null);
    }

    private static AccountBalance money(long balance, long cycle, long spent, String planId, Instant start, Instant end) {
        return new AccountBalance(balance, cycle, spent, null, false, planId, start, end);
    }

    private static CreditsGranted granted(String grantId, long amount, Instant expiresAt, long debtSettled,
            AccountBalance after) {
        return new CreditsGranted(USER, grantId, amount, "why", "admin", T0, GrantCategory.PROMOTIONAL, expiresAt,
                AccountState.DEFAULT_PRIORITY, debtSettled, after);
    }

    private static PurchaseGranted purchased(String purchaseId, long amount, AccountBalance after) {
        return new PurchaseGranted(USER, purchaseId, "e", amount, T0, 0, after);
    }

    private static UsageCharged usage(String eventId, long cost, List<GrantBurn> burns, AccountBalance after) {
        return new UsageCharged(USER, eventId, "r", "m", "chat.completions", new TokenCounts(1, 0, 1, 0), cost, "EXACT", T1,
                burns, after);
    }

    private static PurchaseRefunded refunded(String purchaseId, String refundId, long requested, long fromPurchase,
            List<GrantBurn> burns, long uncovered, AccountBalance after) {
        return new PurchaseRefunded(USER, purchaseId, refundId, "e", requested, fromPurchase, T1, after, burns, uncovered);
    }

    private static PurchaseDisputed disputed(String purchaseId, String disputeId, long requested, long disputedCredits,
            long held, AccountBalance after) {
        return new PurchaseDisputed(USER, purchaseId, disputeId, "e", requested, disputedCredits, held, T1, after);
    }

    private static PurchaseDisputeClosed closed(String purchaseId, String disputeId, DisputeOutcome outcome, long held,
            long takenHeld, long released, long debtSettled, List<GrantBurn> burns, long uncovered, AccountBalance after) {
        return new PurchaseDisputeClosed(USER, purchaseId, disputeId, "e", outcome, held, takenHeld, released, debtSettled, 0,
                burns, uncovered, T1, after);
    }

    private static GrantBurn burn(String grantId, long credits) {
        return new GrantBurn(grantId, credits);
    }
}
