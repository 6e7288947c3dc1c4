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

/**
 * The payment rules of {@link CreditAccount} beyond purchases and refunds: disputes (hold, release, take), subscriptions
 * (paid cycles of a plan renewed by payment, the end of a subscription) and a purchase's method; negative cases too.
 */
class PaymentRulesTest {

    private static final String USER = "user-1";
    private static final long START = 1_000_000;
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");
    private static final Instant T2 = Instant.parse("2026-11-25T11:00:00Z");
    /** The end of the first paid period and start of the second. */
    private static final Instant P1 = Instant.parse("2026-12-25T10:05:00Z");
    private static final Instant P2 = Instant.parse("2027-01-25T10:05:00Z");
    private static final Instant M1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final TokenCounts TOKENS = new TokenCounts(120, 20, 80, 10);
    private static final PlanTerms DEFAULT = PlanTerms.oneOff(PlanTerms.DEFAULT_PLAN_ID);
    private static final PlanTerms PRO = new PlanTerms("pro", CyclePeriod.MONTHLY, 20_000, Rollover.RESET, 0, "UTC",
            RenewedBy.PAYMENT);
    private static final PlanTerms MONTHLY = new PlanTerms("monthly", CyclePeriod.MONTHLY, 5_000, Rollover.RESET, 0, "UTC");

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(StoredEventBytes.canonical());
    }

    // --- disputes: the hold ---

    @Test
    void aDisputeHoldsThePurchasesUnspentCreditsAtMostTheDisputedAmount() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)))
                .when(dispute("cs_1", "dp_1", 3_000))
                .expectResultMessagePayload(PaymentOutcome.FOLDED)
                .expectEvents(disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)));
    }

    @Test
    void aDisputeOfAPartlySpentPurchaseHoldsOnlyWhatIsLeftOfIt() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        charged("e1", 5_000, bal(1_000, 6_000, 5_000), burn("opening", 1_000), burn("purchase:cs_1", 4_000)))
                .when(dispute("cs_1", "dp_1", 5_000))
                .expectEvents(disputed("cs_1", "dp_1", 5_000, 5_000, 1_000, bal(0, 5_000, 5_000)));
    }

    @Test
    void aDisputeOfARefundedPurchaseDisputesOnlyWhatThePurchaseStillOwes() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        refunded("cs_1", "re_1", 4_000, 4_000, List.of(), 0, bal(2_000, 2_000, 0)))
                .when(dispute("cs_1", "dp_1", 5_000))
                .expectEvents(disputed("cs_1", "dp_1", 5_000, 1_000, 1_000, bal(1_000, 1_000, 0)));
    }

    @Test
    void aRefundAfterAnAdminRevokedThePurchasesCreditsTakesNothingMoreFromOtherGrants() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        new GrantRevoked(USER, "purchase:cs_1", 5_000, "fraud suspected", "ops", T0, bal(1_000, 1_000, 0)))
                .when(refund("cs_1", "re_1", 5_000))
                .expectEvents(refunded("cs_1", "re_1", 5_000, 0, List.of(), 0, bal(1_000, 1_000, 0)));
    }

    @Test
    void aRefundAfterAPartRevocationTakesOnlyTheRestOfWhatThePurchaseGave() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        charged("e1", 3_000, bal(3_000, 6_000, 3_000), burn("opening", 1_000), burn("purchase:cs_1", 2_000)),
                        new GrantRevoked(USER, "purchase:cs_1", 3_000, "fraud suspected", "ops", T0, bal(0, 3_000, 3_000)))
                .when(refund("cs_1", "re_1", 5_000))
                .expectEvents(refunded("cs_1", "re_1", 5_000, 0, List.of(), 2_000, bal(-2_000, 1_000, 3_000)));
    }

    @Test
    void aDisputeDeliveredTwiceHoldsOnce() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)))
                .when(dispute("cs_1", "dp_1", 3_000))
                .expectResultMessagePayload(PaymentOutcome.ALREADY_FOLDED)
                .expectNoEvents();
    }

    @Test
    void aDisputeDeliveredAgainAfterItClosedChangesNothing() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)),
                        closed("cs_1", "dp_1", DisputeOutcome.WON, 3_000, 0, 3_000, 0, 0, List.of(), 0, bal(6_000, 6_000, 0)))
                .when(dispute("cs_1", "dp_1", 3_000))
                .expectResultMessagePayload(PaymentOutcome.ALREADY_FOLDED)
                .expectNoEvents();
    }

    @Test
    void refusesADisputeOfAnUnknownPurchase() {
        fixture.given(opened(1_000))
                .when(dispute("cs_404", "dp_1", 3_000))
                .expectException(rejectedWith("purchase_not_found"))
                .expectNoEvents();
    }

    @Test
    void refusesADisputeWithoutAmount() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)))
                .when(dispute("cs_1", "dp_1", 0))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("amountCredits"))
                .expectNoEvents();
    }

    // --- disputes: the close ---

    @Test
    void aWonDisputeReleasesTheHeldCreditsBackIntoThePurchase() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)))
                .when(close("cs_1", "dp_1", DisputeOutcome.WON))
                .expectResultMessagePayload(PaymentOutcome.FOLDED)
                .expectEvents(closed("cs_1", "dp_1", DisputeOutcome.WON, 3_000, 0, 3_000, 0, 0, List.of(), 0,
                        bal(6_000, 6_000, 0)));
    }

    @Test
    void aDisputeClosedWithoutDecisionReleasesLikeAWonOne() {
        PurchaseDisputeClosed other = closed("cs_1", "dp_1", DisputeOutcome.OTHER, 3_000, 0, 3_000, 0, 0, List.of(), 0,
                bal(6_000, 6_000, 0));
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)))
                .when(close("cs_1", "dp_1", DisputeOutcome.OTHER))
                .expectEvents(other);
        assertThat(other.changeType()).isEqualTo("DISPUTE_RELEASE");
        assertThat(other.amountCredits()).isEqualTo(3_000);
    }

    @Test
    void releasedCreditsReturnToTheirPlaceInTheBurnOrder() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 5_000, 5_000, 5_000, bal(1_000, 1_000, 0)),
                        purchased("cs_2", 2_000, 0, bal(3_000, 3_000, 0)),
                        closed("cs_1", "dp_1", DisputeOutcome.WON, 5_000, 0, 5_000, 0, 0, List.of(), 0, bal(8_000, 8_000, 0)))
                .when(charge("e1", 7_500))
                // The older purchase burns before the newer one, as if it had never been held.
                .expectEvents(charged("e1", 7_500, bal(500, 8_000, 7_500), burn("opening", 1_000),
                        burn("purchase:cs_1", 5_000), burn("purchase:cs_2", 1_500)));
    }

    @Test
    void aWonDisputeOnANegativeBalanceRepaysTheDebtFirst() {
        fixture.given(opened(0), purchased("cs_1", 5_000, 0, bal(5_000, 5_000, 0)),
                        disputed("cs_1", "dp_1", 2_000, 2_000, 2_000, bal(3_000, 3_000, 0)),
                        charged("e1", 4_000, bal(-1_000, 3_000, 4_000), burn("purchase:cs_1", 3_000)))
                .when(close("cs_1", "dp_1", DisputeOutcome.WON))
                .expectEvents(closed("cs_1", "dp_1", DisputeOutcome.WON, 2_000, 0, 2_000, 1_000, 0, List.of(), 0,
                        bal(1_000, 5_000, 4_000)));
    }

    @Test
    void aLostDisputeTakesTheHeldCreditsForGood() {
        PurchaseDisputeClosed lost = closed("cs_1", "dp_1", DisputeOutcome.LOST, 5_000, 5_000, 0, 0, 0, List.of(), 0,
                bal(1_000, 1_000, 0));
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 5_000, 5_000, 5_000, bal(1_000, 1_000, 0)))
                .when(close("cs_1", "dp_1", DisputeOutcome.LOST))
                .expectEvents(lost);
        assertThat(lost.changeType()).isEqualTo("DISPUTE_LOST");
        assertThat(lost.amountCredits()).isZero();
    }

    @Test
    void aLostDisputeTakesWhatTheHoldDidNotCoverFromOtherGrantsThenBelowZero() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        charged("e1", 4_500, bal(1_500, 6_000, 4_500), burn("opening", 1_000), burn("purchase:cs_1", 3_500)),
                        disputed("cs_1", "dp_1", 5_000, 5_000, 1_500, bal(0, 4_500, 4_500)),
                        granted("g1", 2_000, 0, bal(2_000, 6_500, 4_500)))
                .when(close("cs_1", "dp_1", DisputeOutcome.LOST))
                .expectEvents(closed("cs_1", "dp_1", DisputeOutcome.LOST, 1_500, 1_500, 0, 0, 0, List.of(burn("g1", 2_000)),
                        1_500, bal(-1_500, 3_000, 4_500)));
    }

    @Test
    void aLostDisputeOfAPurchaseRefundedMeanwhileNeverTakesTwiceAndReleasesTheRest() {
        // Decision: a refund while credits are held takes by the refund rule and leaves the hold alone; the close then
        // takes at most what the purchase still owes and releases the rest of the hold.
        fixture.given(opened(10_000), purchased("cs_1", 5_000, 0, bal(15_000, 15_000, 0)),
                        disputed("cs_1", "dp_1", 5_000, 5_000, 5_000, bal(10_000, 10_000, 0)))
                .when(refund("cs_1", "re_1", 5_000))
                .expectEvents(refunded("cs_1", "re_1", 5_000, 0, List.of(burn("opening", 5_000)), 0, bal(5_000, 5_000, 0)));
        fixture.given(opened(10_000), purchased("cs_1", 5_000, 0, bal(15_000, 15_000, 0)),
                        disputed("cs_1", "dp_1", 5_000, 5_000, 5_000, bal(10_000, 10_000, 0)),
                        refunded("cs_1", "re_1", 5_000, 0, List.of(burn("opening", 5_000)), 0, bal(5_000, 5_000, 0)))
                .when(close("cs_1", "dp_1", DisputeOutcome.LOST))
                .expectEvents(closed("cs_1", "dp_1", DisputeOutcome.LOST, 5_000, 0, 5_000, 0, 0, List.of(), 0,
                        bal(10_000, 10_000, 0)));
    }

    @Test
    void aPartialRefundWhileHeldLeavesTheLostDisputeTheRest() {
        fixture.given(opened(10_000), purchased("cs_1", 5_000, 0, bal(15_000, 15_000, 0)),
                        disputed("cs_1", "dp_1", 5_000, 5_000, 5_000, bal(10_000, 10_000, 0)),
                        refunded("cs_1", "re_1", 2_000, 0, List.of(burn("opening", 2_000)), 0, bal(8_000, 8_000, 0)))
                .when(close("cs_1", "dp_1", DisputeOutcome.LOST))
                .expectEvents(closed("cs_1", "dp_1", DisputeOutcome.LOST, 5_000, 3_000, 2_000, 0, 0, List.of(), 0,
                        bal(10_000, 10_000, 0)));
    }

    @Test
    void aDisputeClosedTwiceIsANoOp() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)),
                        closed("cs_1", "dp_1", DisputeOutcome.LOST, 3_000, 3_000, 0, 0, 0, List.of(), 0, bal(3_000, 3_000, 0)))
                .when(close("cs_1", "dp_1", DisputeOutcome.WON))
                .expectResultMessagePayload(PaymentOutcome.ALREADY_FOLDED)
                .expectNoEvents();
    }

    @Test
    void refusesToCloseADisputeNeverOpened() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)))
                .when(close("cs_1", "dp_1", DisputeOutcome.LOST))
                .expectException(rejectedWith("dispute_not_found"))
                .expectNoEvents();
    }

    @Test
    void refusesToCloseADisputeUnderAnotherPurchase() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)))
                .when(close("cs_2", "dp_1", DisputeOutcome.WON))
                .expectException(rejectedWith("dispute_not_found"))
                .expectNoEvents();
    }

    @Test
    void refusesToCloseADisputeWithoutOutcome() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)))
                .when(new CloseDispute(USER, "cs_1", "dp_1", "evt", null, T1))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void aJournalHoldingMoreThanThePurchaseHadIsRefused() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 6_000, 6_000, 6_000, bal(0, 0, 0)))
                .when(charge("e1", 1))
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    @Test
    void aJournalReleasingMoreThanWasHeldIsRefused() {
        fixture.given(opened(1_000), purchased("cs_1", 5_000, 0, bal(6_000, 6_000, 0)),
                        disputed("cs_1", "dp_1", 3_000, 3_000, 3_000, bal(3_000, 3_000, 0)),
                        closed("cs_1", "dp_1", DisputeOutcome.WON, 3_000, 0, 4_000, 0, 0, List.of(), 0, bal(7_000, 7_000, 0)))
                .when(charge("e1", 1))
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    // --- subscriptions ---

    @Test
    void aPaidInvoicePutsTheUserOnThePlanAndStartsACycleOverThePaidPeriod() {
        fixture.given(opened(START))
                .when(renew("sub_1", "in_1", T1, P1, T1))
                .expectResultMessagePayload(PaymentOutcome.FOLDED)
                .expectEvents(subscribedToPro(), firstProCycle());
    }

    @Test
    void aPaidInvoiceOpensTheAccountOfANewUser() {
        fixture.givenNoPriorActivity()
                .when(renew("sub_1", "in_1", T1, P1, T1))
                .expectEvents(new AccountOpened(USER, START, T1), new PlanAssigned(USER, PRO, "subscription", "stripe:sub_1",
                        T1, new AccountBalance(START, START, 0, null, false, "pro", T1, null)),
                        new AllowanceRenewed(USER, "pro", T1, P1, 20_000, List.of(), 0, allowance(T1), 0,
                                money(START + 20_000, START + 20_000, 0, "pro", T1, P1), "in_1", "sub_1"));
    }

    @Test
    void theSameInvoiceTwiceRenewsOnce() {
        fixture.given(opened(START), subscribedToPro(), firstProCycle())
                .when(renew("sub_1", "in_1", T1, P1, T1))
                .expectResultMessagePayload(PaymentOutcome.ALREADY_FOLDED)
                .expectNoEvents();
    }

    @Test
    void theNextInvoiceForfeitsTheUnspentAllowanceAndStartsTheNextPaidPeriod() {
        fixture.given(opened(START), subscribedToPro(), firstProCycle(),
                        charged("e1", 5_000, money(START + 15_000, START + 20_000, 5_000, "pro", T1, P1),
                                burn(allowance(T1), 5_000)))
                .when(renew("sub_1", "in_2", P1, P2, P1))
                .expectEvents(new AllowanceRenewed(USER, "pro", P1, P2, 20_000, List.of(burn(allowance(T1), 15_000)), 0,
                        allowance(P1), 0, money(START + 20_000, START + 20_000, 0, "pro", P1, P2), "in_2", "sub_1"));
    }

    @Test
    void aPaymentAfterAGapStartsTheCycleAtThePaidPeriod() {
        Instant late = P1.plusSeconds(5 * 86_400);
        fixture.given(opened(START), subscribedToPro(), firstProCycle())
                .when(renew("sub_1", "in_2", late, P2, late))
                .expectEvents(new AllowanceRenewed(USER, "pro", late, P2, 20_000, List.of(burn(allowance(T1), 20_000)), 0,
                        allowance(late), 0, money(START + 20_000, START + 20_000, 0, "pro", late, P2), "in_2", "sub_1"));
    }

    @Test
    void theClockNeverRenewsAPlanRenewedByPayment() {
        Instant afterThePeriod = P1.plusSeconds(86_400);
        fixture.given(opened(START), subscribedToPro(), firstProCycle())
                .when(new RenewCycles(USER, afterThePeriod))
                .expectResultMessagePayload(0)
                .expectNoEvents();
        fixture.given(opened(START), subscribedToPro(), firstProCycle())
                .when(new ChargeUsage(USER, "e1", "req-e1", "gpt-4o-mini", "chat.completions", TOKENS, 100, "EXACT",
                        afterThePeriod, START))
                .expectEvents(new UsageCharged(USER, "e1", "req-e1", "gpt-4o-mini", "chat.completions", TOKENS, 100, "EXACT",
                        afterThePeriod, List.of(burn(allowance(T1), 100)),
                        money(START + 19_900, START + 20_000, 100, "pro", T1, P1)));
    }

    @Test
    void anInvoiceOfAPeriodBeforeTheCurrentCycleIsIgnored() {
        AllowanceRenewed second = new AllowanceRenewed(USER, "pro", P1, P2, 20_000, List.of(burn(allowance(T1), 20_000)), 0,
                allowance(P1), 0, money(START + 20_000, START + 20_000, 0, "pro", P1, P2), "in_2", "sub_1");
        fixture.given(opened(START), subscribedToPro(), firstProCycle(), second)
                .when(renew("sub_1", "in_0", T0, P1, P1.plusSeconds(60)))
                .expectResultMessagePayload(PaymentOutcome.IGNORED)
                .expectNoEvents();
    }

    @Test
    void refusesARenewalOfAPlanTheClockRenews() {
        fixture.given(opened(START))
                .when(new RenewSubscription(USER, "sub_1", "in_1", "evt-in_1", MONTHLY, T1, P1, T1, START, DEFAULT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("not renewed by payment"))
                .expectNoEvents();
    }

    @Test
    void refusesARenewalWithoutPlanOrWithInvalidTerms() {
        fixture.given(opened(START))
                .when(new RenewSubscription(USER, "sub_1", "in_1", "evt-in_1", null, T1, P1, T1, START, DEFAULT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("plan is required"))
                .expectNoEvents();
        fixture.given(opened(START))
                .when(new RenewSubscription(USER, "sub_1", "in_1", "evt-in_1",
                        new PlanTerms("pro", CyclePeriod.NONE, 1, Rollover.RESET, 0, "UTC", RenewedBy.PAYMENT), T1, P1, T1,
                        START, DEFAULT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("needs a period"))
                .expectNoEvents();
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStarts() {
        fixture.given(opened(START))
                .when(renew("sub_1", "in_1", P1, T1, T1))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("period"))
                .expectNoEvents();
    }

    @Test
    void anEndedSubscriptionMovesTheUserBackToTheDefaultPlan() {
        AccountBalance subscribed = money(START + 20_000, START + 20_000, 0, "pro", T1, P1);
        fixture.given(opened(START), subscribedToPro(), firstProCycle())
                .when(end("sub_1", "pro", T2))
                .expectResultMessagePayload(PaymentOutcome.FOLDED)
                .expectEvents(new SubscriptionEnded(USER, "sub_1", "pro", "evt-end-sub_1", T2, subscribed),
                        new PlanAssigned(USER, DEFAULT, "subscription ended", "stripe:sub_1", T2,
                                money(START + 20_000, START + 20_000, 0, "default", T1, P1)),
                        new AllowanceRenewed(USER, "default", T2, null, 0, List.of(burn(allowance(T1), 20_000)), 0, null, 0,
                                money(START, START, 0, "default", T2, null)));
    }

    @Test
    void anEndedSubscriptionWhenTheUserMovedToAnotherPlanOnlyRecordsTheEnd() {
        AccountBalance onMonthly = money(START + 5_000, START + 5_000, 0, "monthly", T2, M1);
        fixture.given(opened(START), subscribedToPro(), firstProCycle(),
                        new PlanAssigned(USER, MONTHLY, "support", "admin", T2,
                                money(START + 20_000, START + 20_000, 0, "monthly", T1, P1)),
                        new AllowanceRenewed(USER, "monthly", T2, M1, 5_000, List.of(burn(allowance(T1), 20_000)), 0,
                                allowance(T2), 0, onMonthly))
                .when(end("sub_1", "pro", T2))
                .expectResultMessagePayload(PaymentOutcome.FOLDED)
                .expectEvents(new SubscriptionEnded(USER, "sub_1", "pro", "evt-end-sub_1", T2, onMonthly));
    }

    @Test
    void anEndDeliveredTwiceIsANoOpAndALateInvoiceOfTheEndedSubscriptionIsIgnored() {
        AccountBalance subscribed = money(START + 20_000, START + 20_000, 0, "pro", T1, P1);
        Object[] ended = {opened(START), subscribedToPro(), firstProCycle(),
                new SubscriptionEnded(USER, "sub_1", "pro", "evt-end-sub_1", T2, subscribed),
                new PlanAssigned(USER, DEFAULT, "subscription ended", "stripe:sub_1", T2,
                        money(START + 20_000, START + 20_000, 0, "default", T1, P1)),
                new AllowanceRenewed(USER, "default", T2, null, 0, List.of(burn(allowance(T1), 20_000)), 0, null, 0,
                        money(START, START, 0, "default", T2, null))};
        fixture.given(ended)
                .when(end("sub_1", "pro", T2))
                .expectResultMessagePayload(PaymentOutcome.ALREADY_FOLDED)
                .expectNoEvents();
        fixture.given(ended)
                .when(renew("sub_1", "in_2", P1, P2, P1))
                .expectResultMessagePayload(PaymentOutcome.IGNORED)
                .expectNoEvents();
    }

    @Test
    void aJournalRenewingByInvoiceAPlanTheClockRenewsIsRefused() {
        fixture.given(opened(START), new AllowanceRenewed(USER, "default", T1, null, 0, List.of(), 0, null, 0,
                        money(START, START, 0, "default", T1, null), "in_1", "sub_1"))
                .when(charge("e1", 1))
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    // --- purchases: how they were paid ---

    @Test
    void aPurchaseRecordsHowItWasPaidAndWhereTheMoneyIs() {
        fixture.given(opened(START))
                .when(new RecordPurchase(USER, "mp_1", "evt-mp_1", 5_000, T0, START, null, "manual", "PIX-E2E-123"))
                .expectEvents(new PurchaseGranted(USER, "mp_1", "evt-mp_1", 5_000, T0, 0, bal(START + 5_000, START + 5_000, 0),
                        "manual", "PIX-E2E-123"));
    }

    @Test
    void refusesAPurchaseWithAnOverlongMethodOrReference() {
        fixture.given(opened(START))
                .when(new RecordPurchase(USER, "mp_1", "evt-mp_1", 5_000, T0, START, null, "m".repeat(201), "ref"))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("method"))
                .expectNoEvents();
        fixture.given(opened(START))
                .when(new RecordPurchase(USER, "mp_1", "evt-mp_1", 5_000, T0, START, null, "manual", "r".repeat(501)))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("reference"))
                .expectNoEvents();
    }

    // --- helpers ---

    private static PlanAssigned subscribedToPro() {
        return new PlanAssigned(USER, PRO, "subscription", "stripe:sub_1", T1,
                new AccountBalance(START, START, 0, null, false, "pro", T0, null));
    }

    private static AllowanceRenewed firstProCycle() {
        return new AllowanceRenewed(USER, "pro", T1, P1, 20_000, List.of(), 0, allowance(T1), 0,
                money(START + 20_000, START + 20_000, 0, "pro", T1, P1), "in_1", "sub_1");
    }

    private static RenewSubscription renew(String subscriptionId, String invoiceId, Instant start, Instant end, Instant at) {
        return new RenewSubscription(USER, subscriptionId, invoiceId, "evt-" + invoiceId, PRO, start, end, at, START, DEFAULT);
    }

    private static EndSubscription end(String subscriptionId, String planId, Instant at) {
        return new EndSubscription(USER, subscriptionId, planId, "evt-end-" + subscriptionId, DEFAULT, at);
    }

    private static String allowance(Instant start) {
        return AccountState.ALLOWANCE_GRANT_PREFIX + start.toEpochMilli();
    }

    private static AccountBalance money(long balance, long cycle, long spent, String planId, Instant start, Instant end) {
        return new AccountBalance(balance, cycle, spent, null, false, planId, start, end);
    }

    private static AccountBalance bal(long balance, long cycle, long spent) {
        return money(balance, cycle, spent, PlanTerms.DEFAULT_PLAN_ID, T0, null);
    }

    private static AccountOpened opened(long startingCredits) {
        return new AccountOpened(USER, startingCredits, T0);
    }

    private static PurchaseGranted purchased(String purchaseId, long amount, long debtSettled, AccountBalance after) {
        return new PurchaseGranted(USER, purchaseId, "evt-" + purchaseId, amount, T0, debtSettled, after);
    }

    private static CreditsGranted granted(String grantId, long amount, long debtSettled, AccountBalance after) {
        return new CreditsGranted(USER, grantId, amount, "support", "admin", T0, GrantCategory.PROMOTIONAL, null,
                AccountState.DEFAULT_PRIORITY, debtSettled, after);
    }

    private static ChargeUsage charge(String eventId, long cost) {
        return new ChargeUsage(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT", T1,
                START);
    }

    private static UsageCharged charged(String eventId, long cost, AccountBalance after, GrantBurn... burns) {
        return new UsageCharged(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT",
                T1, List.of(burns), after);
    }

    private static RecordRefund refund(String purchaseId, String refundId, long amount) {
        return new RecordRefund(USER, purchaseId, refundId, "evt-" + refundId, amount, T1);
    }

    private static PurchaseRefunded refunded(String purchaseId, String refundId, long requested, long fromPurchase,
            List<GrantBurn> burns, long uncovered, AccountBalance after) {
        return new PurchaseRefunded(USER, purchaseId, refundId, "evt-" + refundId, requested, fromPurchase, T1, after, burns,
                uncovered);
    }

    private static RecordDispute dispute(String purchaseId, String disputeId, long amount) {
        return new RecordDispute(USER, purchaseId, disputeId, "evt-" + disputeId, amount, T1);
    }

    private static PurchaseDisputed disputed(String purchaseId, String disputeId, long requested, long disputedCredits,
            long held, AccountBalance after) {
        return new PurchaseDisputed(USER, purchaseId, disputeId, "evt-" + disputeId, requested, disputedCredits, held, T1,
                after);
    }

    private static CloseDispute close(String purchaseId, String disputeId, DisputeOutcome outcome) {
        return new CloseDispute(USER, purchaseId, disputeId, "evt-close-" + disputeId, outcome, T1);
    }

    private static PurchaseDisputeClosed closed(String purchaseId, String disputeId, DisputeOutcome outcome, long held,
            long takenHeld, long released, long debtSettled, long fromPurchase, List<GrantBurn> burns, long uncovered,
            AccountBalance after) {
        return new PurchaseDisputeClosed(USER, purchaseId, disputeId, "evt-close-" + disputeId, outcome, held, takenHeld,
                released, debtSettled, fromPurchase, burns, uncovered, T1, after);
    }

    private static GrantBurn burn(String grantId, long credits) {
        return new GrantBurn(grantId, credits);
    }

    private static org.hamcrest.Matcher<Object> rejectedWith(String code) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("CommandRejectedException with code " + code) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof CommandRejectedException rejected && code.equals(rejected.code());
            }
        };
    }
}
