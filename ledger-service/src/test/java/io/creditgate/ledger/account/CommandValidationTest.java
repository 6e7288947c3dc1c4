package io.creditgate.ledger.account;

import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field rule of every {@link CreditAccount} command: a bad value is refused with a message naming it and changes
 * nothing; the values at the edge of each rule are accepted.
 */
class CommandValidationTest {

    private static final String USER = "user-1";
    private static final String INVALID_USER = "jane doe";
    private static final long START = 1_000;
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");
    private static final TokenCounts TOKENS = new TokenCounts(1, 0, 1, 0);
    private static final PlanTerms DEFAULT = PlanTerms.oneOff(PlanTerms.DEFAULT_PLAN_ID);
    private static final PlanTerms PRO = new PlanTerms("pro", CyclePeriod.MONTHLY, 500, Rollover.RESET, 0, "UTC",
            RenewedBy.PAYMENT);
    private static final Instant P1 = Instant.parse("2026-12-25T10:05:00Z");
    private static final AccountOpened OPENED = new AccountOpened(USER, START, T0);
    private static final PurchaseGranted PURCHASED = new PurchaseGranted(USER, "cs_1", "evt-cs_1", 5_000, T0, 0,
            new AccountBalance(6_000, 6_000, 0, null, false, "default", T0, null));
    private static final PurchaseDisputed DISPUTED = new PurchaseDisputed(USER, "cs_1", "dp_1", "evt-dp_1", 1_000, 1_000,
            1_000, T1, new AccountBalance(5_000, 5_000, 0, null, false, "default", T0, null));

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(StoredEventBytes.canonical());
    }

    static Stream<Arguments> refusedCommands() {
        List<Object> none = List.of();
        List<Object> open = List.of(OPENED);
        List<Object> bought = List.of(OPENED, PURCHASED);
        List<Object> disputed = List.of(OPENED, PURCHASED, DISPUTED);
        return Stream.of(
                refused("usage without model", none, charge(" ", T0, 0), "model"),
                refused("usage without time", none, charge("m", null, 0), "occurredAt"),
                refused("usage with negative opening", none, charge("m", T0, -1), "openingCredits"),
                refused("grant to an invalid user", none, grant(INVALID_USER, "g1", 1, "admin", T0, 100, 0), "whitespace"),
                refused("grant without id", none, grant(USER, " ", 1, "admin", T0, 100, 0), "grantId"),
                refused("grant with an overlong id", none, grant(USER, "g".repeat(201), 1, "admin", T0, 100, 0), "grantId"),
                refused("grant without actor", none, grant(USER, "g1", 1, " ", T0, 100, 0), "actor"),
                refused("grant without time", none, grant(USER, "g1", 1, "admin", null, 100, 0), "grantedAt"),
                refused("grant of priority -1", none, grant(USER, "g1", 1, "admin", T0, -1, 0), "priority"),
                refused("grant of priority 1001", none, grant(USER, "g1", 1, "admin", T0, 1_001, 0), "priority"),
                refused("grant with negative opening", none, grant(USER, "g1", 1, "admin", T0, 100, -1), "openingCredits"),
                refused("purchase of an invalid user", none, purchase(INVALID_USER, "cs_1", 1, T0, 0), "whitespace"),
                refused("purchase without id", none, purchase(USER, " ", 1, T0, 0), "purchaseId"),
                refused("purchase of nothing", none, purchase(USER, "cs_1", 0, T0, 0), "amountCredits"),
                refused("purchase without time", none, purchase(USER, "cs_1", 1, null, 0), "purchasedAt"),
                refused("purchase with negative opening", none, purchase(USER, "cs_1", 1, T0, -1), "openingCredits"),
                refused("refund without purchase", bought, new RecordRefund(USER, " ", "re_1", "e", 1, T1), "purchaseId"),
                refused("refund without id", bought, new RecordRefund(USER, "cs_1", " ", "e", 1, T1), "refundId"),
                refused("refund of nothing", bought, new RecordRefund(USER, "cs_1", "re_1", "e", 0, T1), "amountCredits"),
                refused("refund without time", bought, new RecordRefund(USER, "cs_1", "re_1", "e", 1, null), "refundedAt"),
                refused("dispute without purchase", bought, new RecordDispute(USER, " ", "dp_1", "e", 1, T1), "purchaseId"),
                refused("dispute without id", bought, new RecordDispute(USER, "cs_1", " ", "e", 1, T1), "disputeId"),
                refused("dispute without time", bought, new RecordDispute(USER, "cs_1", "dp_1", "e", 1, null), "disputedAt"),
                refused("close without purchase", disputed,
                        new CloseDispute(USER, " ", "dp_1", "e", DisputeOutcome.WON, T1), "purchaseId"),
                refused("close without dispute", disputed,
                        new CloseDispute(USER, "cs_1", " ", "e", DisputeOutcome.WON, T1), "disputeId"),
                refused("close without time", disputed,
                        new CloseDispute(USER, "cs_1", "dp_1", "e", DisputeOutcome.WON, null), "closedAt"),
                refused("renewal of an invalid user", none, renew(INVALID_USER, "sub_1", "in_1", T1, 0), "whitespace"),
                refused("renewal without subscription", open, renew(USER, " ", "in_1", T1, 0), "subscriptionId"),
                refused("renewal without invoice", open, renew(USER, "sub_1", " ", T1, 0), "invoiceId"),
                refused("renewal without time", open, renew(USER, "sub_1", "in_1", null, 0), "renewedAt"),
                refused("renewal with negative opening", none, renew(USER, "sub_1", "in_1", T1, -1), "openingCredits"),
                refused("end without subscription", open, new EndSubscription(USER, " ", "pro", "e", DEFAULT, T1),
                        "subscriptionId"),
                refused("end without plan", open, new EndSubscription(USER, "sub_1", " ", "e", DEFAULT, T1), "planId"),
                refused("end without default plan", open, new EndSubscription(USER, "sub_1", "pro", "e", null, T1),
                        "default plan"),
                refused("end with an invalid default plan", open, new EndSubscription(USER, "sub_1", "pro", "e",
                        new PlanTerms("bad id", CyclePeriod.NONE, 0, Rollover.RESET, 0, "UTC"), T1), "default plan"),
                refused("end without time", open, new EndSubscription(USER, "sub_1", "pro", "e", DEFAULT, null), "endedAt"),
                refused("revocation without grant", open, new RevokeGrant(USER, " ", "why", "admin", T1), "grantId"),
                refused("revocation without reason", open, new RevokeGrant(USER, "opening", " ", "admin", T1), "reason"),
                refused("revocation without actor", open, new RevokeGrant(USER, "opening", "why", " ", T1), "actor"),
                refused("revocation without time", open, new RevokeGrant(USER, "opening", "why", "admin", null), "revokedAt"),
                refused("expiry without time", open, new ExpireGrants(USER, null), "now"),
                refused("renewal of cycles without time", open, new RenewCycles(USER, null), "now"),
                refused("plan for an invalid user", none, new AssignPlan(INVALID_USER, PRO, "why", "admin", T1, 0, null),
                        "whitespace"),
                refused("plan with negative opening", none, new AssignPlan(USER, PRO, "why", "admin", T1, -1, null),
                        "openingCredits"),
                refused("adjustment without id", open, new AdjustBalance(USER, " ", 5, "why", "admin", T1), "adjustmentId"),
                refused("block of an invalid user", none, new BlockUser(INVALID_USER, "why", "admin", T1, 0), "whitespace"),
                refused("block without reason", none, new BlockUser(USER, " ", "admin", T1, 0), "reason"),
                refused("block with negative opening", none, new BlockUser(USER, "why", "admin", T1, -1), "openingCredits"),
                refused("unblock without actor", open, new UnblockUser(USER, "why", " ", T1), "actor"),
                refused("unblock without time", open, new UnblockUser(USER, "why", "admin", null), "time of the command"),
                refused("negative cycle cap", open, new SetCycleCap(USER, -1L, "why", "admin", T1), "capCredits"),
                refused("cycle cap without reason", open, new SetCycleCap(USER, 5L, " ", "admin", T1), "reason"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCommands")
    void aCommandBreakingAFieldRuleIsRefusedAndChangesNothing(String name, List<Object> given, Object command,
            String named) {
        fixture.given(given)
                .when(command)
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString(named))
                .expectNoEvents();
    }

    // --- the edges of each rule are accepted ---

    @Test
    void theEdgesOfTheGrantRulesAreAccepted() {
        String longestId = "g".repeat(CreditAccount.MAX_ID_LENGTH);
        fixture.givenNoPriorActivity()
                .when(grant(USER, longestId, 1, "admin", T0, 0, 0))
                .expectResultMessagePayload(GrantOutcome.GRANTED);
        fixture.givenNoPriorActivity()
                .when(grant(USER, "g1", 1, "admin", T0, AccountState.MAX_PRIORITY, 0))
                .expectResultMessagePayload(GrantOutcome.GRANTED);
    }

    @Test
    void zeroOpeningCreditsAreAcceptedByEveryCommandThatOpensAnAccount() {
        fixture.givenNoPriorActivity().when(charge("m", T0, 0)).expectResultMessagePayload(ChargeOutcome.CHARGED);
        fixture.givenNoPriorActivity().when(grant(USER, "g1", 1, "admin", T0, 100, 0))
                .expectResultMessagePayload(GrantOutcome.GRANTED);
        fixture.givenNoPriorActivity().when(purchase(USER, "cs_1", 1, T0, 0)).expectResultMessagePayload(GrantOutcome.GRANTED);
        fixture.givenNoPriorActivity().when(renew(USER, "sub_1", "in_1", T1, 0))
                .expectResultMessagePayload(PaymentOutcome.FOLDED);
        fixture.givenNoPriorActivity().when(new AssignPlan(USER, PRO, "why", "admin", T1, 0, null))
                .expectResultMessagePayload(AdminOutcome.CHANGED);
        fixture.givenNoPriorActivity().when(new BlockUser(USER, "why", "admin", T1, 0))
                .expectResultMessagePayload(AdminOutcome.CHANGED);
    }

    @Test
    void theLongestMethodAndReferenceAreAccepted() {
        fixture.given(OPENED)
                .when(new RecordPurchase(USER, "cs_1", "e", 1, T0, 0, null, "m".repeat(CreditAccount.MAX_ID_LENGTH),
                        "r".repeat(CreditAccount.MAX_TEXT_LENGTH)))
                .expectResultMessagePayload(GrantOutcome.GRANTED);
    }

    @Test
    void anAdjustmentTakingTheWholeBalanceIsAcceptedAndACapOfZeroToo() {
        fixture.given(OPENED)
                .when(new AdjustBalance(USER, "a1", -START, "why", "admin", T1))
                .expectResultMessagePayload(AdminOutcome.CHANGED);
        fixture.given(OPENED)
                .when(new SetCycleCap(USER, 0L, "why", "admin", T1))
                .expectResultMessagePayload(AdminOutcome.CHANGED);
    }

    @Test
    void unblockingAndCappingSayWhetherTheyChangedAnything() {
        AccountBalance blocked = new AccountBalance(START, START, 0, null, true, "default", T0, null);
        fixture.given(OPENED, new UserBlocked(USER, "why", "admin", T1, blocked))
                .when(new UnblockUser(USER, "why", "admin", T1))
                .expectResultMessagePayload(AdminOutcome.CHANGED);
        AccountBalance capped = new AccountBalance(START, START, 0, 5L, false, "default", T0, null);
        fixture.given(OPENED, new CycleCapSet(USER, 5L, "why", "admin", T1, capped))
                .when(new SetCycleCap(USER, 5L, "again", "admin", T1))
                .expectResultMessagePayload(AdminOutcome.UNCHANGED)
                .expectNoEvents();
    }

    private static Arguments refused(String name, List<Object> given, Object command, String named) {
        return Arguments.of(name, given, command, named);
    }

    private static ChargeUsage charge(String model, Instant at, long opening) {
        return new ChargeUsage(USER, "e1", "r1", model, "chat.completions", TOKENS, 1, "EXACT", at, opening);
    }

    private static GrantCredits grant(String user, String grantId, long amount, String actor, Instant at, int priority,
            long opening) {
        return new GrantCredits(user, grantId, amount, "why", actor, at, GrantCategory.PROMOTIONAL, null, priority, opening);
    }

    private static RecordPurchase purchase(String user, String purchaseId, long amount, Instant at, long opening) {
        return new RecordPurchase(user, purchaseId, "e", amount, at, opening);
    }

    private static RenewSubscription renew(String user, String subscriptionId, String invoiceId, Instant at, long opening) {
        return new RenewSubscription(user, subscriptionId, invoiceId, "e", PRO, T1, P1, at, opening, DEFAULT);
    }
}
