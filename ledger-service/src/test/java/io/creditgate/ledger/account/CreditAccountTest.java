package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;

import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.annotation.MessageHandlerInvocationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of {@link CreditAccount}, given/when/then; each negative case also expects no events. */
class CreditAccountTest {

    private static final String USER = "user-1";
    private static final long START = 1_000_000;
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");
    private static final TokenCounts TOKENS = new TokenCounts(120, 20, 80, 10);

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(StoredEventBytes.canonical());
    }

    // --- opening on first sight ---

    @Test
    void firstUsageOpensTheAccountWithTheStartingGrantThenCharges() {
        fixture.givenNoPriorActivity()
                .when(charge("e1", 1_234, T0))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ChargeOutcome.CHARGED)
                .expectEvents(opened(START, T0), charged("e1", 1_234, T0, bal(998_766, START, 1_234),
                        burn("opening", 1_234)));
    }

    @Test
    void firstGrantOpensTheAccountWithTheStartingGrantThenGrants() {
        fixture.givenNoPriorActivity()
                .when(grant("g1", 5_000))
                .expectResultMessagePayload(GrantOutcome.GRANTED)
                .expectEvents(opened(START, T0), granted("g1", 5_000, bal(1_005_000, 1_005_000, 0)));
    }

    @Test
    void anOpenAccountIsNotOpenedAgainAndIgnoresTheOpeningCredits() {
        fixture.given(opened(START, T0))
                .when(new ChargeUsage(USER, "e1", "req-e1", "gpt-4o-mini", "chat.completions", TOKENS, 10, "EXACT", T1, 42))
                .expectEvents(charged("e1", 10, T1, bal(999_990, START, 10), burn("opening", 10)));
    }

    @Test
    void startingCreditsOfZeroOpenAnExhaustedAccount() {
        fixture.givenNoPriorActivity()
                .when(new ChargeUsage(USER, "e1", "req-e1", "gpt-4o-mini", "chat.completions", TOKENS, 0, "EXACT", T0, 0))
                .expectEvents(opened(0, T0), charged("e1", 0, T0, bal(0, 0, 0)));
    }

    // --- usage ---

    @Test
    void usageMayOvershootTheBalanceBecauseTheCallAlreadyHappened() {
        fixture.given(opened(100, T0))
                .when(charge("e1", 150, T1))
                .expectEvents(charged("e1", 150, T1, bal(-50, 100, 150), burn("opening", 100)));
    }

    @Test
    void usageOnAnExhaustedAccountIsStillRecorded() {
        fixture.given(opened(100, T0), charged("e1", 150, T1, bal(-50, 100, 150), burn("opening", 100)))
                .when(charge("e2", 7, T1))
                .expectEvents(charged("e2", 7, T1, bal(-57, 100, 157)));
    }

    @Test
    void aFreeCallIsRecordedWithZeroCost() {
        fixture.given(opened(START, T0))
                .when(charge("e1", 0, T1))
                .expectEvents(charged("e1", 0, T1, bal(START, START, 0)));
    }

    @Test
    void refusesANegativeCost() {
        fixture.given(opened(START, T0))
                .when(charge("e1", -1, T1))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("costCredits"))
                .expectNoEvents();
    }

    @Test
    void refusesNegativeOrInconsistentTokenCounts() {
        fixture.given(opened(START, T0))
                .when(new ChargeUsage(USER, "e1", "r1", "m", "chat.completions", new TokenCounts(-1, 0, 5, 0), 10,
                        "EXACT", T1, START))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
        fixture.given(opened(START, T0))
                .when(new ChargeUsage(USER, "e1", "r1", "m", "chat.completions", new TokenCounts(10, 11, 5, 0), 10,
                        "EXACT", T1, START))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAUsageWithoutEventIdWithoutOpeningTheAccount() {
        fixture.givenNoPriorActivity()
                .when(charge(" ", 10, T0))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("eventId"))
                .expectNoEvents();
    }

    @Test
    void refusesAUserIdHoldingAnUnfilledPlaceholder() {
        fixture.givenNoPriorActivity()
                .when(new ChargeUsage("{{LIBRECHAT_USER_ID}}", "e1", "r1", "m", "chat.completions", TOKENS, 10, "EXACT",
                        T0, START))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("unfilled {{…}} placeholder"))
                .expectNoEvents();
    }

    @Test
    void aUserIdOf255CharactersOpensAnAccountAndIsCharged() {
        String longest = "u".repeat(255);
        fixture.givenNoPriorActivity()
                .when(new ChargeUsage(longest, "e1", "r1", "m", "chat.completions", TOKENS, 10, "EXACT", T0, START))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ChargeOutcome.CHARGED);
    }

    @Test
    void refusesAUserIdOf256CharactersWithTheOneRulesCode() {
        fixture.givenNoPriorActivity()
                .when(new ChargeUsage("u".repeat(256), "e1", "r1", "m", "chat.completions", TOKENS, 10, "EXACT", T0, START))
                .expectException(allOf(instanceOf(CommandRejectedException.class), hasProperty("message",
                        containsString("longer than 255 characters"))))
                .expectNoEvents();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CreditAccount.requireValidUserId("u".repeat(256)))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        rejected -> org.assertj.core.api.Assertions.assertThat(rejected.code()).isEqualTo("user_too_long"));
    }

    @Test
    void refusesAChargeThatWouldOverflowTheBalance() {
        long huge = Long.MAX_VALUE;
        fixture.given(opened(0, T0), charged("e1", huge, T0, bal(-huge, 0, huge)))
                .when(charge("e2", 2, T1))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("overflow"))
                .expectNoEvents();
    }

    // --- grants ---

    @Test
    void aGrantRaisesBalanceAndCycleCredits() {
        fixture.given(opened(START, T0), charged("e1", 400, T0, bal(999_600, START, 400), burn("opening", 400)))
                .when(grant("g1", 5_000))
                .expectResultMessagePayload(GrantOutcome.GRANTED)
                .expectEvents(granted("g1", 5_000, bal(1_004_600, 1_005_000, 400)));
    }

    @Test
    void aGrantBringsAnExhaustedAccountBackAboveZero() {
        fixture.given(opened(100, T0), charged("e1", 150, T1, bal(-50, 100, 150), burn("opening", 100)))
                .when(grant("g1", 60))
                .expectEvents(granted("g1", 60, GrantCategory.PROMOTIONAL, null, 100, 50, bal(10, 160, 150)));
    }

    @Test
    void refusesAGrantOfZeroOrLess() {
        fixture.given(opened(START, T0))
                .when(grant("g1", 0))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("amountCredits"))
                .expectNoEvents();
        fixture.given(opened(START, T0))
                .when(grant("g1", -5))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAGrantWithoutReason() {
        fixture.given(opened(START, T0))
                .when(new GrantCredits(USER, "g1", 5, " ", "admin", T1, START))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("reason"))
                .expectNoEvents();
    }

    @Test
    void refusesAGrantThatWouldOverflowTheBalance() {
        fixture.given(opened(Long.MAX_VALUE - 10, T0))
                .when(grant("g1", 11))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("overflow"))
                .expectNoEvents();
    }

    @Test
    void aRepeatedGrantIdWithTheSameAmountIsANoOp() {
        fixture.given(opened(START, T0), granted("g1", 5_000, bal(1_005_000, 1_005_000, 0)))
                .when(grant("g1", 5_000))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(GrantOutcome.ALREADY_GRANTED)
                .expectNoEvents();
    }

    @Test
    void refusesAGrantIdReusedWithAnotherAmount() {
        fixture.given(opened(START, T0), granted("g1", 5_000, bal(1_005_000, 1_005_000, 0)))
                .when(grant("g1", 6_000))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("already made"))
                .expectNoEvents();
    }

    // --- the fold checks its own stream ---

    @Test
    void anEventWhoseRecordedBalanceDisagreesWithTheFoldIsRefused() {
        fixture.given(opened(START, T0), charged("e1", 10, T1, bal(START, START, 10)))
                .when(charge("e2", 1, T1))
                // Axon wraps what an event-sourcing handler throws while it loads the account.
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    // --- burn order ---

    private static final Instant DAY1 = Instant.parse("2026-11-26T00:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void usageBurnsTheGrantThatExpiresFirstThenTheNeverExpiringOnes() {
        fixture.given(opened(START, T0),
                        granted("late", 500, GrantCategory.PROMOTIONAL, DAY2, 100, 0, bal(START + 500, START + 500, 0)),
                        granted("soon", 300, GrantCategory.PROMOTIONAL, DAY1, 900, 0, bal(START + 800, START + 800, 0)))
                .when(charge("e1", 1_000, T1))
                .expectEvents(charged("e1", 1_000, T1, bal(START - 200, START + 800, 1_000),
                        burn("soon", 300), burn("late", 500), burn("opening", 200)));
    }

    @Test
    void atEqualExpiryTheLowerPriorityNumberBurnsFirstThenPromotionalBeforePaidThenTheOlderGrant() {
        fixture.given(opened(0, T0),
                        granted("paid", 10, GrantCategory.PAID, null, 50, 0, bal(10, 10, 0)),
                        granted("promo", 10, GrantCategory.PROMOTIONAL, null, 50, 0, bal(20, 20, 0)),
                        granted("urgent", 10, GrantCategory.PAID, null, 1, 0, bal(30, 30, 0)),
                        granted("promo-2", 10, GrantCategory.PROMOTIONAL, null, 50, 0, bal(40, 40, 0)))
                .when(charge("e1", 35, T1))
                .expectEvents(charged("e1", 35, T1, bal(5, 40, 35),
                        burn("urgent", 10), burn("promo", 10), burn("promo-2", 10), burn("paid", 5)));
    }

    @Test
    void aGrantFirstPaysBackAnOvershootAndOnlyTheRestIsSpendable() {
        fixture.given(opened(100, T0), charged("e1", 150, T1, bal(-50, 100, 150), burn("opening", 100)),
                        granted("g1", 60, GrantCategory.PROMOTIONAL, null, 100, 50, bal(10, 160, 150)))
                .when(charge("e2", 10, T1))
                .expectEvents(charged("e2", 10, T1, bal(0, 160, 160), burn("g1", 10)));
    }

    @Test
    void aGrantMayCarryACategoryExpiryAndPriority() {
        fixture.given(opened(START, T0))
                .when(grant("g1", 700, GrantCategory.PAID, DAY1, 7))
                .expectEvents(granted("g1", 700, GrantCategory.PAID, DAY1, 7, 0, bal(START + 700, START + 700, 0)));
    }

    @Test
    void refusesAnExpiryNotAfterTheGrantAndAPriorityOutOfRange() {
        fixture.given(opened(START, T0))
                .when(grant("g1", 700, GrantCategory.PAID, T0, 7))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("expiresAt"))
                .expectNoEvents();
        fixture.given(opened(START, T0))
                .when(grant("g1", 700, GrantCategory.PAID, null, 1001))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("priority"))
                .expectNoEvents();
        fixture.given(opened(START, T0))
                .when(grant("g1", 700, null, null, 5))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    // --- expiry ---

    @Test
    void expireGrantsExpiresTheUnspentPartAtTheGrantsOwnExpiryTime() {
        fixture.given(opened(START, T0),
                        granted("g1", 500, GrantCategory.PROMOTIONAL, DAY1, 100, 0, bal(START + 500, START + 500, 0)),
                        charged("e1", 200, T1, bal(START + 300, START + 500, 200), burn("g1", 200)))
                .when(new ExpireGrants(USER, DAY2))
                .expectResultMessagePayload(1)
                .expectEvents(new GrantExpired(USER, "g1", 300, DAY1, bal(START, START + 200, 200)));
    }

    @Test
    void expireGrantsBeforeTheExpiryChangesNothing() {
        fixture.given(opened(START, T0),
                        granted("g1", 500, GrantCategory.PROMOTIONAL, DAY1, 100, 0, bal(START + 500, START + 500, 0)))
                .when(new ExpireGrants(USER, DAY1.minusMillis(1)))
                .expectResultMessagePayload(0)
                .expectNoEvents();
    }

    @Test
    void aUsageAfterTheExpiryNeverBurnsTheExpiredGrant() {
        fixture.given(opened(100, T0),
                        granted("g1", 500, GrantCategory.PROMOTIONAL, DAY1, 100, 0, bal(600, 600, 0)))
                .when(charge("e1", 150, DAY2))
                .expectEvents(new GrantExpired(USER, "g1", 500, DAY1, bal(100, 100, 0)),
                        charged("e1", 150, DAY2, bal(-50, 100, 150), burn("opening", 100)));
    }

    @Test
    void aFullySpentGrantDoesNotExpire() {
        fixture.given(opened(0, T0),
                        granted("g1", 50, GrantCategory.PROMOTIONAL, DAY1, 100, 0, bal(50, 50, 0)),
                        charged("e1", 50, T1, bal(0, 50, 50), burn("g1", 50)))
                .when(new ExpireGrants(USER, DAY2))
                .expectResultMessagePayload(0)
                .expectNoEvents();
    }

    // --- revocation ---

    @Test
    void revokingTakesBackOnlyTheUnspentPart() {
        fixture.given(opened(0, T0), granted("g1", 500, bal(500, 500, 0)),
                        charged("e1", 200, T1, bal(300, 500, 200), burn("g1", 200)))
                .when(new RevokeGrant(USER, "g1", "granted by mistake", "ops", T1))
                .expectResultMessagePayload(RevokeOutcome.REVOKED)
                .expectEvents(new GrantRevoked(USER, "g1", 300, "granted by mistake", "ops", T1, bal(0, 200, 200)));
    }

    @Test
    void revokingTwiceIsANoOp() {
        fixture.given(opened(0, T0), granted("g1", 500, bal(500, 500, 0)),
                        new GrantRevoked(USER, "g1", 500, "mistake", "ops", T1, bal(0, 0, 0)))
                .when(new RevokeGrant(USER, "g1", "again", "ops", T1))
                .expectResultMessagePayload(RevokeOutcome.ALREADY_REVOKED)
                .expectNoEvents();
    }

    @Test
    void refusesToRevokeAGrantAfterItWasSpent() {
        fixture.given(opened(0, T0), granted("g1", 500, bal(500, 500, 0)),
                        charged("e1", 500, T1, bal(0, 500, 500), burn("g1", 500)))
                .when(new RevokeGrant(USER, "g1", "too late", "ops", T1))
                .expectException(rejectedWith("nothing_to_revoke"))
                .expectNoEvents();
    }

    @Test
    void refusesToRevokeAnExpiredGrant() {
        fixture.given(opened(0, T0), granted("g1", 500, GrantCategory.PROMOTIONAL, DAY1, 100, 0, bal(500, 500, 0)))
                .when(new RevokeGrant(USER, "g1", "too late", "ops", DAY2))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("nothing left"))
                .expectNoEvents();
    }

    @Test
    void refusesToRevokeAnUnknownGrant() {
        fixture.given(opened(START, T0))
                .when(new RevokeGrant(USER, "nope", "x", "ops", T1))
                .expectException(rejectedWith("grant_not_found"))
                .expectNoEvents();
    }

    // --- purchases and refunds ---

    @Test
    void aPurchaseIsAPaidGrantOncePerPurchaseId() {
        fixture.givenNoPriorActivity()
                .when(purchase("cs_1", 5_000))
                .expectResultMessagePayload(GrantOutcome.GRANTED)
                .expectEvents(opened(START, T0), purchased("cs_1", 5_000, 0, bal(START + 5_000, START + 5_000, 0)));
        fixture.given(opened(START, T0), purchased("cs_1", 5_000, 0, bal(START + 5_000, START + 5_000, 0)))
                .when(purchase("cs_1", 5_000))
                .expectResultMessagePayload(GrantOutcome.ALREADY_GRANTED)
                .expectNoEvents();
        fixture.given(opened(START, T0), purchased("cs_1", 5_000, 0, bal(START + 5_000, START + 5_000, 0)))
                .when(purchase("cs_1", 6_000))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void paidCreditsBurnAfterPromotionalOnes() {
        fixture.given(opened(100, T0), purchased("cs_1", 5_000, 0, bal(5_100, 5_100, 0)))
                .when(charge("e1", 150, T1))
                .expectEvents(charged("e1", 150, T1, bal(4_950, 5_100, 150),
                        burn("opening", 100), burn("purchase:cs_1", 50)));
    }

    @Test
    void aRefundTakesBackTheUnspentPurchase() {
        fixture.given(opened(0, T0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)))
                .when(refund("cs_1", "re_1", 5_000))
                .expectResultMessagePayload(RefundOutcome.REFUNDED)
                .expectEvents(refunded("cs_1", "re_1", 5_000, 5_000, List.of(), 0, bal(0, 0, 0)));
    }

    @Test
    void aRefundAfterSpendTakesTheSpentPartFromOtherGrantsInBurnOrder() {
        Instant soon = T1.plusSeconds(3_600);
        fixture.given(opened(10_000, T0), purchased("cs_1", 5_000, 0, bal(15_000, 15_000, 0)),
                        charged("e1", 12_000, T1, bal(3_000, 15_000, 12_000), burn("opening", 10_000),
                                burn("purchase:cs_1", 2_000)),
                        granted("g1", 3_000, GrantCategory.PROMOTIONAL, null, 100, 0, bal(6_000, 18_000, 12_000)),
                        granted("g2", 1_000, GrantCategory.PROMOTIONAL, soon, 100, 0, bal(7_000, 19_000, 12_000)))
                .when(refund("cs_1", "re_1", 5_000))
                // 3,000 still in the purchase, then g2 (expires first), then g1.
                .expectEvents(refunded("cs_1", "re_1", 5_000, 3_000, List.of(burn("g2", 1_000), burn("g1", 1_000)), 0,
                        bal(2_000, 14_000, 12_000)));
    }

    @Test
    void aRefundNeverTakesMoreThanThePurchaseGave() {
        fixture.given(opened(10_000, T0), purchased("cs_1", 5_000, 0, bal(15_000, 15_000, 0)))
                .when(refund("cs_1", "re_1", 9_000))
                .expectEvents(refunded("cs_1", "re_1", 9_000, 5_000, List.of(), 0, bal(10_000, 10_000, 0)));
    }

    @Test
    void aRefundAfterSpendTakesWhatIsLeftThenGoesBelowZero() {
        fixture.given(opened(1_000, T0), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        charged("e1", 4_000, T1, bal(2_000, 6_000, 4_000), burn("opening", 1_000),
                                burn("purchase:cs_1", 3_000)))
                .when(refund("cs_1", "re_1", 5_000))
                .expectEvents(refunded("cs_1", "re_1", 5_000, 2_000, List.of(), 3_000, bal(-3_000, 1_000, 4_000)));
    }

    @Test
    void aRefundOfAFullySpentPurchaseLeavesTheBalanceNegativeAndTheAccountExhausted() {
        AccountBalance after = bal(-5_000, 0, 5_000);
        fixture.given(opened(0, T0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)),
                        charged("e1", 5_000, T1, bal(0, 5_000, 5_000), burn("purchase:cs_1", 5_000)))
                .when(refund("cs_1", "re_1", 5_000))
                .expectEvents(refunded("cs_1", "re_1", 5_000, 0, List.of(), 5_000, after));
        assertThat(after.status()).isEqualTo(AccountStatus.EXHAUSTED);
        assertThat(after.utilisationBasisPoints()).isEqualTo(10_000);
    }

    @Test
    void aPurchaseAfterARefundBelowZeroRepaysTheDebtFirst() {
        fixture.given(opened(0, T0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)),
                        charged("e1", 5_000, T1, bal(0, 5_000, 5_000), burn("purchase:cs_1", 5_000)),
                        refunded("cs_1", "re_1", 5_000, 0, List.of(), 5_000, bal(-5_000, 0, 5_000)))
                .when(purchase("cs_2", 8_000))
                .expectEvents(purchased("cs_2", 8_000, 5_000, bal(3_000, 8_000, 5_000)));
        // The repaid debt is not spendable: the next usage burns the rest of cs_2 only.
        fixture.given(opened(0, T0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)),
                        charged("e1", 5_000, T1, bal(0, 5_000, 5_000), burn("purchase:cs_1", 5_000)),
                        refunded("cs_1", "re_1", 5_000, 0, List.of(), 5_000, bal(-5_000, 0, 5_000)),
                        purchased("cs_2", 8_000, 5_000, bal(3_000, 8_000, 5_000)))
                .when(charge("e2", 3_500, T1))
                .expectEvents(charged("e2", 3_500, T1, bal(-500, 8_000, 8_500), burn("purchase:cs_2", 3_000)));
    }

    @Test
    void aGrantSmallerThanTheDebtIsSwallowedWhole() {
        fixture.given(opened(0, T0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)),
                        charged("e1", 5_000, T1, bal(0, 5_000, 5_000), burn("purchase:cs_1", 5_000)),
                        refunded("cs_1", "re_1", 5_000, 0, List.of(), 5_000, bal(-5_000, 0, 5_000)))
                .when(grant("g1", 2_000))
                .expectEvents(granted("g1", 2_000, GrantCategory.PROMOTIONAL, null, AccountState.DEFAULT_PRIORITY, 2_000,
                        bal(-3_000, 2_000, 5_000)));
    }

    @Test
    void aDoubleRefundIsANoOp() {
        fixture.given(opened(0, T0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)),
                        refunded("cs_1", "re_1", 5_000, 5_000, List.of(), 0, bal(0, 0, 0)))
                .when(refund("cs_1", "re_1", 5_000))
                .expectResultMessagePayload(RefundOutcome.ALREADY_REFUNDED)
                .expectNoEvents();
    }

    @Test
    void twoPartialRefundsNeverTakeMoreThanThePurchase() {
        fixture.given(opened(0, T0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)),
                        refunded("cs_1", "re_1", 3_000, 3_000, List.of(), 0, bal(2_000, 2_000, 0)))
                .when(refund("cs_1", "re_2", 3_000))
                .expectEvents(refunded("cs_1", "re_2", 3_000, 2_000, List.of(), 0, bal(0, 0, 0)));
    }

    @Test
    void partialRefundsOfASpentPurchaseSumToTheWholePurchaseAndNoMore() {
        fixture.given(opened(10_000, T0), purchased("cs_1", 5_000, 0, bal(15_000, 15_000, 0)),
                        charged("e1", 14_000, T1, bal(1_000, 15_000, 14_000), burn("opening", 10_000),
                                burn("purchase:cs_1", 4_000)),
                        refunded("cs_1", "re_1", 2_000, 1_000, List.of(), 1_000, bal(-1_000, 13_000, 14_000)))
                .when(refund("cs_1", "re_2", 3_000))
                .expectEvents(refunded("cs_1", "re_2", 3_000, 0, List.of(), 3_000, bal(-4_000, 10_000, 14_000)));
        fixture.given(opened(10_000, T0), purchased("cs_1", 5_000, 0, bal(15_000, 15_000, 0)),
                        charged("e1", 14_000, T1, bal(1_000, 15_000, 14_000), burn("opening", 10_000),
                                burn("purchase:cs_1", 4_000)),
                        refunded("cs_1", "re_1", 2_000, 1_000, List.of(), 1_000, bal(-1_000, 13_000, 14_000)),
                        refunded("cs_1", "re_2", 3_000, 0, List.of(), 3_000, bal(-4_000, 10_000, 14_000)))
                .when(refund("cs_1", "re_3", 1_000))
                .expectEvents(refunded("cs_1", "re_3", 1_000, 0, List.of(), 0, bal(-4_000, 10_000, 14_000)));
    }

    @Test
    void aRefundWrittenUnderTheOldRuleStillFoldsAndCountsTowardsThePurchase() {
        // Old rule: 2,000 unspent taken of 5,000 requested, 3,000 left "uncollected"; the purchase owes nothing more.
        fixture.given(opened(1_000, T0), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        charged("e1", 4_000, T1, bal(2_000, 6_000, 4_000), burn("opening", 1_000),
                                burn("purchase:cs_1", 3_000)),
                        new PurchaseRefunded(USER, "cs_1", "re_1", "evt-re_1", 5_000, 2_000, T1, bal(0, 4_000, 4_000)))
                .when(refund("cs_1", "re_2", 1_000))
                .expectEvents(refunded("cs_1", "re_2", 1_000, 0, List.of(), 0, bal(0, 4_000, 4_000)));
    }

    @Test
    void aRefundRecordingTheOldRuleAfterSpendIsRefusedByTheFoldIfItMisstatesWhatWasTaken() {
        fixture.given(opened(1_000, T0), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        new PurchaseRefunded(USER, "cs_1", "re_1", "evt-re_1", 5_000, 4_000, T1, bal(2_000, 2_000, 0)))
                .when(charge("e2", 1, T1))
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    @Test
    void aRefundRecordingOtherBurnsThanTheFoldIsRefused() {
        fixture.given(opened(1_000, T0), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        charged("e1", 5_500, T1, bal(500, 6_000, 5_500), burn("opening", 1_000), burn("purchase:cs_1", 4_500)),
                        refunded("cs_1", "re_1", 5_000, 500, List.of(), 4_000, bal(-4_000, 1_500, 5_500)))
                .when(charge("e2", 1, T1))
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    @Test
    void refusesARefundOfAnUnknownPurchase() {
        fixture.given(opened(START, T0))
                .when(refund("cs_404", "re_1", 5_000))
                .expectException(rejectedWith("purchase_not_found"))
                .expectNoEvents();
    }

    @Test
    void aJournalWhoseBurnsDisagreeWithTheFoldIsRefused() {
        fixture.given(opened(START, T0), charged("e1", 10, T1, bal(START - 10, START, 10), burn("other", 10)))
                .when(charge("e2", 1, T1))
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    // --- admin commands ---

    @Test
    void aPositiveAdjustmentIsAGrantThatPaysBackAnOvershootFirst() {
        fixture.given(opened(100, T0), charged("e1", 150, T1, bal(-50, 100, 150), burn("opening", 100)))
                .when(new AdjustBalance(USER, "fix-1", 80, "goodwill", "ops@example.com", T1))
                .expectResultMessagePayload(AdminOutcome.CHANGED)
                .expectEvents(new BalanceAdjusted(USER, "fix-1", 80, "goodwill", "ops@example.com", T1, List.of(), 50,
                        bal(30, 180, 150)));
    }

    @Test
    void aNegativeAdjustmentBurnsGrantsInBurnOrder() {
        fixture.given(opened(100, T0), granted("g1", 50, GrantCategory.PROMOTIONAL, DAY2, 100, 0, bal(150, 150, 0)))
                .when(new AdjustBalance(USER, "fix-1", -120, "duplicate grant", "ops", T1))
                .expectEvents(new BalanceAdjusted(USER, "fix-1", -120, "duplicate grant", "ops", T1,
                        List.of(burn("g1", 50), burn("opening", 70)), 0, bal(30, 30, 0)));
    }

    @Test
    void refusesANegativeAdjustmentBeyondTheBalance() {
        fixture.given(opened(100, T0))
                .when(new AdjustBalance(USER, "fix-1", -101, "too much", "ops", T1))
                .expectException(rejectedWith("adjustment_exceeds_balance"))
                .expectNoEvents();
    }

    @Test
    void anAdjustmentIdIsIdempotentAndConflictsWithAnotherAmount() {
        BalanceAdjusted done = new BalanceAdjusted(USER, "fix-1", 10, "x", "ops", T1, List.of(), 0, bal(110, 110, 0));
        fixture.given(opened(100, T0), done)
                .when(new AdjustBalance(USER, "fix-1", 10, "x", "ops", T1))
                .expectResultMessagePayload(AdminOutcome.UNCHANGED)
                .expectNoEvents();
        fixture.given(opened(100, T0), done)
                .when(new AdjustBalance(USER, "fix-1", 11, "x", "ops", T1))
                .expectException(rejectedWith("adjustment_conflict"))
                .expectNoEvents();
        fixture.given(opened(100, T0))
                .when(new AdjustBalance(USER, "fix-2", 0, "x", "ops", T1))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
        fixture.given(opened(100, T0))
                .when(new AdjustBalance(USER, "fix-2", 5, " ", "ops", T1))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("reason"))
                .expectNoEvents();
    }

    @Test
    void blockingRecordsTheActorAndIsANoOpTwice() {
        UserBlocked blocked = new UserBlocked(USER, "abuse", "ops", T1, bal(START, START, 0, null, true));
        fixture.given(opened(START, T0))
                .when(new BlockUser(USER, "abuse", "ops", T1, START))
                .expectResultMessagePayload(AdminOutcome.CHANGED)
                .expectEvents(blocked);
        fixture.given(opened(START, T0), blocked)
                .when(new BlockUser(USER, "again", "ops", T1, START))
                .expectResultMessagePayload(AdminOutcome.UNCHANGED)
                .expectNoEvents();
    }

    @Test
    void blockingAUserNeverSeenOpensTheAccountBlocked() {
        fixture.givenNoPriorActivity()
                .when(new BlockUser(USER, "known abuser", "ops", T0, START))
                .expectEvents(opened(START, T0),
                        new UserBlocked(USER, "known abuser", "ops", T0, bal(START, START, 0, null, true)));
    }

    @Test
    void usageOfABlockedUserIsStillChargedAndTheAccountStaysBlocked() {
        fixture.given(opened(START, T0), new UserBlocked(USER, "abuse", "ops", T0, bal(START, START, 0, null, true)))
                .when(charge("e1", 10, T1))
                .expectEvents(charged("e1", 10, T1, bal(START - 10, START, 10, null, true), burn("opening", 10)));
    }

    @Test
    void unblockingLiftsTheBlockOnce() {
        fixture.given(opened(START, T0), new UserBlocked(USER, "abuse", "ops", T0, bal(START, START, 0, null, true)))
                .when(new UnblockUser(USER, "appeal granted", "lead", T1))
                .expectEvents(new UserUnblocked(USER, "appeal granted", "lead", T1, bal(START, START, 0)));
        fixture.given(opened(START, T0))
                .when(new UnblockUser(USER, "not blocked", "lead", T1))
                .expectResultMessagePayload(AdminOutcome.UNCHANGED)
                .expectNoEvents();
    }

    @Test
    void aCycleCapLimitsWhatIsSpendableAndCanBeRemoved() {
        fixture.given(opened(START, T0), charged("e1", 400, T0, bal(START - 400, START, 400), burn("opening", 400)))
                .when(new SetCycleCap(USER, 500L, "budget", "ops", T1))
                .expectEvents(new CycleCapSet(USER, 500L, "budget", "ops", T1, bal(START - 400, START, 400, 500L, false)));
        fixture.given(opened(START, T0), new CycleCapSet(USER, 500L, "budget", "ops", T1, bal(START, START, 0, 500L, false)))
                .when(new SetCycleCap(USER, null, "lifted", "ops", T1))
                .expectEvents(new CycleCapSet(USER, null, "lifted", "ops", T1, bal(START, START, 0)));
        fixture.given(opened(START, T0))
                .when(new SetCycleCap(USER, -1L, "x", "ops", T1))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void spendableAndStatusFollowTheCapAndTheBlock() {
        AccountBalance capped = bal(START - 400, START, 400, 500L, false);
        org.assertj.core.api.Assertions.assertThat(capped.spendableCredits()).isEqualTo(100);
        org.assertj.core.api.Assertions.assertThat(capped.status()).isEqualTo(AccountStatus.ACTIVE);
        org.assertj.core.api.Assertions.assertThat(capped.charged(100).status()).isEqualTo(AccountStatus.EXHAUSTED);
        org.assertj.core.api.Assertions.assertThat(capped.withCycleCap(null).spendableCredits()).isEqualTo(START - 400);
        org.assertj.core.api.Assertions.assertThat(capped.withBlocked(true).status()).isEqualTo(AccountStatus.BLOCKED);
        org.assertj.core.api.Assertions.assertThat(bal(750, 1000, 750).utilisationBasisPoints()).isEqualTo(7_500);
        org.assertj.core.api.Assertions.assertThat(bal(0, 0, 0).utilisationBasisPoints()).isZero();
        org.assertj.core.api.Assertions.assertThat(bal(-5, 0, 5).utilisationBasisPoints()).isEqualTo(10_000);
    }

    private static ChargeUsage charge(String eventId, long cost, Instant at) {
        return new ChargeUsage(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT",
                at, START);
    }

    private static GrantCredits grant(String grantId, long amount) {
        return new GrantCredits(USER, grantId, amount, "support", "admin", T0, START);
    }

    /** The money of an account opened at T0 on the default plan (one cycle since the opening, no renewal). */
    private static AccountBalance bal(long balance, long cycle, long spent) {
        return bal(balance, cycle, spent, null, false);
    }

    private static AccountBalance bal(long balance, long cycle, long spent, Long cap, boolean blocked) {
        return new AccountBalance(balance, cycle, spent, cap, blocked, PlanTerms.DEFAULT_PLAN_ID, T0, null);
    }

    private static AccountOpened opened(long startingCredits, Instant at) {
        return new AccountOpened(USER, startingCredits, at);
    }

    private static UsageCharged charged(String eventId, long cost, Instant at, AccountBalance after, GrantBurn... burns) {
        return new UsageCharged(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT",
                at, List.of(burns), after);
    }

    private static org.hamcrest.Matcher<Object> rejectedWith(String code) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("CommandRejectedException with code " + code) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof CommandRejectedException rejected && code.equals(rejected.code());
            }
        };
    }

    private static GrantBurn burn(String grantId, long credits) {
        return new GrantBurn(grantId, credits);
    }

    private static CreditsGranted granted(String grantId, long amount, AccountBalance after) {
        return granted(grantId, amount, GrantCategory.PROMOTIONAL, null, AccountState.DEFAULT_PRIORITY, 0, after);
    }

    private static CreditsGranted granted(String grantId, long amount, GrantCategory category, Instant expiresAt,
            int priority, long debtSettled, AccountBalance after) {
        return new CreditsGranted(USER, grantId, amount, "support", "admin", T0, category, expiresAt, priority, debtSettled,
                after);
    }

    private static GrantCredits grant(String grantId, long amount, GrantCategory category, Instant expiresAt, int priority) {
        return new GrantCredits(USER, grantId, amount, "support", "admin", T0, category, expiresAt, priority, START);
    }

    private static PurchaseGranted purchased(String purchaseId, long amount, long debtSettled, AccountBalance after) {
        return new PurchaseGranted(USER, purchaseId, "evt-" + purchaseId, amount, T0, debtSettled, after);
    }

    private static RecordPurchase purchase(String purchaseId, long amount) {
        return new RecordPurchase(USER, purchaseId, "evt-" + purchaseId, amount, T0, START);
    }

    private static PurchaseRefunded refunded(String purchaseId, String refundId, long requested, long fromPurchase,
            List<GrantBurn> burns, long uncovered, AccountBalance after) {
        return new PurchaseRefunded(USER, purchaseId, refundId, "evt-" + refundId, requested, fromPurchase, T1, after, burns,
                uncovered);
    }

    private static RecordRefund refund(String purchaseId, String refundId, long amount) {
        return new RecordRefund(USER, purchaseId, refundId, "evt-" + refundId, amount, T1);
    }
}
