package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans and cycles of {@link CreditAccount}: openings on a plan, renewals, rollover, assignment; negative cases too. */
class PlanCycleTest {

    private static final String USER = "user-1";
    private static final long START = 1_000_000;
    /** A Wednesday. */
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");
    private static final Instant D1 = Instant.parse("2026-11-26T00:00:00Z");
    private static final Instant D2 = Instant.parse("2026-11-27T00:00:00Z");
    private static final Instant D3 = Instant.parse("2026-11-28T00:00:00Z");
    private static final Instant D4 = Instant.parse("2026-11-29T00:00:00Z");
    private static final Instant M1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant M2 = Instant.parse("2027-01-01T00:00:00Z");
    private static final TokenCounts TOKENS = new TokenCounts(120, 20, 80, 10);
    private static final PlanTerms DAILY = new PlanTerms("daily", CyclePeriod.DAILY, 500, Rollover.RESET, 0, "UTC");
    private static final PlanTerms MONTHLY = new PlanTerms("monthly", CyclePeriod.MONTHLY, 5_000, Rollover.CAPPED, 1_000,
            "UTC");

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(StoredEventBytes.canonical());
    }

    // --- opening on the default plan ---

    @Test
    void anAccountOpenedOnAPlanWithAnAllowanceStartsItsFirstCycleAtOnceAndBurnsTheAllowanceFirst() {
        fixture.givenNoPriorActivity()
                .when(charge("e1", 100, T0, DAILY))
                .expectResultMessagePayload(ChargeOutcome.CHARGED)
                .expectEvents(openedDaily(), firstDailyCycle(),
                        charged("e1", 100, T0, money(START + 400, START + 500, 100, "daily", T0, D1),
                                burn(allowance(T0), 100)));
    }

    @Test
    void aDefaultPlanWithoutAllowanceOpensWithoutACycleEvent() {
        fixture.givenNoPriorActivity()
                .when(charge("e1", 100, T0, PlanTerms.oneOff("default")))
                .expectEvents(new AccountOpened(USER, START, T0),
                        charged("e1", 100, T0, money(START - 100, START, 100, "default", T0, null), burn("opening", 100)));
    }

    // --- renewal ---

    @Test
    void aResetRenewalForfeitsTheUnspentAllowanceAndStartsTheNextCycleAtTheBoundary() {
        fixture.given(openedDaily(), firstDailyCycle(),
                        charged("e1", 100, T0, money(START + 400, START + 500, 100, "daily", T0, D1), burn(allowance(T0), 100)))
                .when(new RenewCycles(USER, D1.plusSeconds(5)))
                .expectResultMessagePayload(1)
                .expectEvents(new AllowanceRenewed(USER, "daily", D1, D2, 500, List.of(burn(allowance(T0), 400)), 0,
                        allowance(D1), 0, money(START + 500, START + 500, 0, "daily", D1, D2)));
    }

    @Test
    void aCappedRolloverCarriesTheUnspentAllowanceUpToTheCap() {
        AccountOpened opened = new AccountOpened(USER, START, T0, MONTHLY);
        AllowanceRenewed first = new AllowanceRenewed(USER, "monthly", T0, M1, 5_000, List.of(), 0, allowance(T0), 0,
                money(START + 5_000, START + 5_000, 0, "monthly", T0, M1));
        fixture.given(opened, first,
                        charged("e1", 1_000, T1, money(START + 4_000, START + 5_000, 1_000, "monthly", T0, M1),
                                burn(allowance(T0), 1_000)))
                .when(new RenewCycles(USER, M1))
                .expectResultMessagePayload(1)
                .expectEvents(new AllowanceRenewed(USER, "monthly", M1, M2, 5_000, List.of(burn(allowance(T0), 4_000)),
                        1_000, allowance(M1), 0, money(START + 6_000, START + 6_000, 0, "monthly", M1, M2)));
    }

    @Test
    void aCappedRolloverCarriesAllOfASmallRemainder() {
        AccountOpened opened = new AccountOpened(USER, START, T0, MONTHLY);
        AllowanceRenewed first = new AllowanceRenewed(USER, "monthly", T0, M1, 5_000, List.of(), 0, allowance(T0), 0,
                money(START + 5_000, START + 5_000, 0, "monthly", T0, M1));
        fixture.given(opened, first,
                        charged("e1", 4_700, T1, money(START + 300, START + 5_000, 4_700, "monthly", T0, M1),
                                burn(allowance(T0), 4_700)))
                .when(new RenewCycles(USER, M1))
                .expectEvents(new AllowanceRenewed(USER, "monthly", M1, M2, 5_000, List.of(burn(allowance(T0), 300)),
                        300, allowance(M1), 0, money(START + 5_300, START + 5_300, 0, "monthly", M1, M2)));
    }

    @Test
    void nothingRenewsBeforeTheCycleEnds() {
        fixture.given(openedDaily(), firstDailyCycle())
                .when(new RenewCycles(USER, D1.minusMillis(1)))
                .expectResultMessagePayload(0)
                .expectNoEvents();
    }

    @Test
    void aUsageAfterSeveralIdleCyclesRenewsEachAtItsOwnBoundaryThenCharges() {
        Instant at = D3.plusSeconds(3_600);
        fixture.given(openedDaily(), firstDailyCycle())
                .when(charge("e1", 10, at, DAILY))
                .expectEvents(
                        new AllowanceRenewed(USER, "daily", D1, D2, 500, List.of(burn(allowance(T0), 500)), 0, allowance(D1),
                                0, money(START + 500, START + 500, 0, "daily", D1, D2)),
                        new AllowanceRenewed(USER, "daily", D2, D3, 500, List.of(burn(allowance(D1), 500)), 0, allowance(D2),
                                0, money(START + 500, START + 500, 0, "daily", D2, D3)),
                        new AllowanceRenewed(USER, "daily", D3, D4, 500, List.of(burn(allowance(D2), 500)), 0, allowance(D3),
                                0, money(START + 500, START + 500, 0, "daily", D3, D4)),
                        charged("e1", 10, at, money(START + 490, START + 500, 10, "daily", D3, D4), burn(allowance(D3), 10)));
    }

    @Test
    void aRenewalPaysBackAnOvershootFirst() {
        AccountOpened opened = new AccountOpened(USER, 0, T0, DAILY);
        AllowanceRenewed first = new AllowanceRenewed(USER, "daily", T0, D1, 500, List.of(), 0, allowance(T0), 0,
                money(500, 500, 0, "daily", T0, D1));
        fixture.given(opened, first, charged("e1", 800, T1, money(-300, 500, 800, "daily", T0, D1), burn(allowance(T0), 500)))
                .when(new RenewCycles(USER, D1))
                .expectEvents(new AllowanceRenewed(USER, "daily", D1, D2, 500, List.of(), 0, allowance(D1), 300,
                        money(200, 200, 0, "daily", D1, D2)));
    }

    @Test
    void aGrantDueBeforeTheBoundaryExpiresBeforeTheRenewal() {
        Instant expiry = T0.plusSeconds(3_600);
        CreditsGranted grant = new CreditsGranted(USER, "g1", 100, "promo", "ops", T0, GrantCategory.PROMOTIONAL, expiry,
                AccountState.DEFAULT_PRIORITY, 0, money(START + 600, START + 600, 0, "daily", T0, D1));
        fixture.given(openedDaily(), firstDailyCycle(), grant)
                .when(new RenewCycles(USER, D1))
                .expectEvents(new GrantExpired(USER, "g1", 100, expiry, money(START + 500, START + 500, 0, "daily", T0, D1)),
                        new AllowanceRenewed(USER, "daily", D1, D2, 500, List.of(burn(allowance(T0), 500)), 0,
                                allowance(D1), 0, money(START + 500, START + 500, 0, "daily", D1, D2)));
    }

    @Test
    void theCycleCapAppliesPerCycleAndTheNewCycleStartsAtZeroSpent() {
        fixture.given(openedDaily(), firstDailyCycle(),
                        new CycleCapSet(USER, 50L, "budget", "ops", T0, money(START + 500, START + 500, 0, "daily", T0, D1)
                                .withCycleCap(50L)),
                        charged("e1", 50, T1, money(START + 450, START + 500, 50, "daily", T0, D1).withCycleCap(50L),
                                burn(allowance(T0), 50)))
                .when(new RenewCycles(USER, D1))
                .expectEvents(new AllowanceRenewed(USER, "daily", D1, D2, 500, List.of(burn(allowance(T0), 450)), 0,
                        allowance(D1), 0, money(START + 500, START + 500, 0, "daily", D1, D2).withCycleCap(50L)));
    }

    // --- assignment ---

    @Test
    void assigningAPlanRecordsTheActorAndStartsANewCycleAtOnce() {
        fixture.given(new AccountOpened(USER, START, T0))
                .when(assign(MONTHLY, T1))
                .expectResultMessagePayload(AdminOutcome.CHANGED)
                .expectEvents(new PlanAssigned(USER, MONTHLY, "upgrade", "ops@example.com", T1,
                                money(START, START, 0, "monthly", T0, null)),
                        new AllowanceRenewed(USER, "monthly", T1, M1, 5_000, List.of(), 0, allowance(T1), 0,
                                money(START + 5_000, START + 5_000, 0, "monthly", T1, M1)));
    }

    @Test
    void assigningAnotherPlanAppliesItsRolloverToTheUnspentAllowance() {
        PlanTerms weekly = new PlanTerms("weekly", CyclePeriod.WEEKLY, 2_000, Rollover.CAPPED, 100, "UTC");
        Instant monday = Instant.parse("2026-11-30T00:00:00Z");
        fixture.given(openedDaily(), firstDailyCycle())
                .when(assign(weekly, T1))
                .expectEvents(new PlanAssigned(USER, weekly, "upgrade", "ops@example.com", T1,
                                money(START + 500, START + 500, 0, "weekly", T0, D1)),
                        new AllowanceRenewed(USER, "weekly", T1, monday, 2_000, List.of(burn(allowance(T0), 500)), 100,
                                allowance(T1), 0, money(START + 2_100, START + 2_100, 0, "weekly", T1, monday)));
    }

    @Test
    void assigningTheSamePlanAgainIsANoOp() {
        fixture.given(new AccountOpened(USER, START, T0),
                        new PlanAssigned(USER, MONTHLY, "upgrade", "ops@example.com", T1, money(START, START, 0, "monthly", T0, null)),
                        new AllowanceRenewed(USER, "monthly", T1, M1, 5_000, List.of(), 0, allowance(T1), 0,
                                money(START + 5_000, START + 5_000, 0, "monthly", T1, M1)))
                .when(assign(MONTHLY, T1.plusSeconds(60)))
                .expectResultMessagePayload(AdminOutcome.UNCHANGED)
                .expectNoEvents();
    }

    @Test
    void assigningAPlanToAnUnknownUserOpensTheAccountOnTheDefaultPlanFirst() {
        fixture.givenNoPriorActivity()
                .when(assign(MONTHLY, T0))
                .expectEvents(new AccountOpened(USER, START, T0),
                        new PlanAssigned(USER, MONTHLY, "upgrade", "ops@example.com", T0, money(START, START, 0, "monthly", T0, null)),
                        new AllowanceRenewed(USER, "monthly", T0, M1, 5_000, List.of(), 0, allowance(T0), 0,
                                money(START + 5_000, START + 5_000, 0, "monthly", T0, M1)));
    }

    @Test
    void refusesInvalidPlanTermsAndAssignmentsWithoutReasonOrActor() {
        PlanTerms badZone = new PlanTerms("x", CyclePeriod.DAILY, 1, Rollover.RESET, 0, "Mars/Olympus");
        PlanTerms negative = new PlanTerms("x", CyclePeriod.DAILY, -1, Rollover.RESET, 0, "UTC");
        PlanTerms badId = new PlanTerms("no spaces", CyclePeriod.DAILY, 1, Rollover.RESET, 0, "UTC");
        for (PlanTerms bad : List.of(badZone, negative, badId)) {
            fixture.given(new AccountOpened(USER, START, T0))
                    .when(assign(bad, T1))
                    .expectException(CommandRejectedException.class)
                    .expectNoEvents();
        }
        fixture.given(new AccountOpened(USER, START, T0))
                .when(new AssignPlan(USER, MONTHLY, " ", "ops", T1, START, null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("reason"))
                .expectNoEvents();
        fixture.given(new AccountOpened(USER, START, T0))
                .when(new AssignPlan(USER, null, "r", "ops", T1, START, null))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAnInvalidDefaultPlanWithoutOpeningTheAccount() {
        fixture.givenNoPriorActivity()
                .when(charge("e1", 1, T0, new PlanTerms("d", CyclePeriod.MONTHLY, 5, Rollover.RESET, 0, "Nowhere/City")))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    // --- the fold rejects a renewal that does not add up ---

    @Test
    void theFoldRejectsARenewalThatRollsOverMoreThanThePlanAllows() {
        AccountState state = new AccountState();
        state.apply(openedDaily());
        state.apply(firstDailyCycle());
        AllowanceRenewed greedy = new AllowanceRenewed(USER, "daily", D1, D2, 500, List.of(burn(allowance(T0), 500)), 500,
                allowance(D1), 0, money(START + 1_000, START + 1_000, 0, "daily", D1, D2));
        assertThatThrownBy(() -> state.apply(greedy)).isInstanceOf(IllegalStateException.class).hasMessageContaining("rolls over");
    }

    @Test
    void theFoldRejectsARenewalThatSkipsACycleOrForgetsAForfeit() {
        AccountState state = new AccountState();
        state.apply(openedDaily());
        state.apply(firstDailyCycle());
        AllowanceRenewed skipping = new AllowanceRenewed(USER, "daily", D2, D3, 500, List.of(burn(allowance(T0), 500)), 0,
                allowance(D2), 0, money(START + 500, START + 500, 0, "daily", D2, D3));
        assertThatThrownBy(() -> state.apply(skipping)).hasMessageContaining("does not follow");
        AllowanceRenewed keeping = new AllowanceRenewed(USER, "daily", D1, D2, 500, List.of(), 0, allowance(D1), 0,
                money(START + 1_000, START + 1_000, 0, "daily", D1, D2));
        assertThatThrownBy(() -> state.apply(keeping)).hasMessageContaining("forfeits");
    }

    // --- the calendar ---

    @Test
    void cyclesAreCalendarAlignedInThePlansTimeZoneAcrossDaylightSavingChanges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // The day before the spring change (CET, +01:00) and the day of it (ends at midnight CEST, +02:00).
        assertThat(CyclePeriod.DAILY.cycleEnd(Instant.parse("2026-03-28T12:00:00Z"), berlin))
                .isEqualTo("2026-03-28T23:00:00Z");
        assertThat(CyclePeriod.DAILY.cycleEnd(Instant.parse("2026-03-29T12:00:00Z"), berlin))
                .isEqualTo("2026-03-29T22:00:00Z");
        // 00:30 on 1 December in Berlin is still 30 November in UTC: the zone decides the cycle.
        assertThat(CyclePeriod.MONTHLY.cycleEnd(Instant.parse("2026-11-30T23:30:00Z"), berlin))
                .isEqualTo("2026-12-31T23:00:00Z");
        assertThat(CyclePeriod.MONTHLY.cycleEnd(Instant.parse("2026-11-30T23:30:00Z"), ZoneId.of("UTC")))
                .isEqualTo("2026-12-01T00:00:00Z");
        assertThat(CyclePeriod.WEEKLY.cycleEnd(T0, berlin)).isEqualTo("2026-11-29T23:00:00Z");
        // A cycle starting exactly at a boundary ends at the next one.
        assertThat(CyclePeriod.WEEKLY.cycleEnd(Instant.parse("2026-11-29T23:00:00Z"), berlin))
                .isEqualTo("2026-12-06T23:00:00Z");
        assertThat(CyclePeriod.MONTHLY.cycleEnd(M1, ZoneId.of("UTC"))).isEqualTo(M2);
        assertThat(CyclePeriod.NONE.cycleEnd(T0, berlin)).isNull();
    }

    // --- helpers ---

    private static AccountOpened openedDaily() {
        return new AccountOpened(USER, START, T0, DAILY);
    }

    private static AllowanceRenewed firstDailyCycle() {
        return new AllowanceRenewed(USER, "daily", T0, D1, 500, List.of(), 0, allowance(T0), 0,
                money(START + 500, START + 500, 0, "daily", T0, D1));
    }

    private static AssignPlan assign(PlanTerms plan, Instant at) {
        return new AssignPlan(USER, plan, "upgrade", "ops@example.com", at, START, null);
    }

    private static ChargeUsage charge(String eventId, long cost, Instant at, PlanTerms openingPlan) {
        return new ChargeUsage(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT",
                at, START, openingPlan);
    }

    private static UsageCharged charged(String eventId, long cost, Instant at, AccountBalance after, GrantBurn... burns) {
        return new UsageCharged(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT",
                at, List.of(burns), after);
    }

    private static AccountBalance money(long balance, long cycle, long spent, String planId, Instant start, Instant end) {
        return new AccountBalance(balance, cycle, spent, null, false, planId, start, end);
    }

    private static String allowance(Instant start) {
        return AccountState.ALLOWANCE_GRANT_PREFIX + start.toEpochMilli();
    }

    private static GrantBurn burn(String grantId, long credits) {
        return new GrantBurn(grantId, credits);
    }
}
