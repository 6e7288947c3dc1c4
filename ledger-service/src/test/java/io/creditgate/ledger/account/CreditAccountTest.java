package io.creditgate.ledger.account;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;

import java.time.Instant;

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
    }

    // --- opening on first sight ---

    @Test
    void firstUsageOpensTheAccountWithTheStartingGrantThenCharges() {
        fixture.givenNoPriorActivity()
                .when(charge("e1", 1_234, T0))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ChargeOutcome.CHARGED)
                .expectEvents(opened(START, T0), charged("e1", 1_234, T0, new AccountBalance(998_766, START, 1_234)));
    }

    @Test
    void firstGrantOpensTheAccountWithTheStartingGrantThenGrants() {
        fixture.givenNoPriorActivity()
                .when(grant("g1", 5_000))
                .expectResultMessagePayload(GrantOutcome.GRANTED)
                .expectEvents(opened(START, T0), granted("g1", 5_000, new AccountBalance(1_005_000, 1_005_000, 0)));
    }

    @Test
    void anOpenAccountIsNotOpenedAgainAndIgnoresTheOpeningCredits() {
        fixture.given(opened(START, T0))
                .when(new ChargeUsage(USER, "e1", "req-e1", "gpt-4o-mini", "chat.completions", TOKENS, 10, "EXACT", T1, 42))
                .expectEvents(charged("e1", 10, T1, new AccountBalance(999_990, START, 10)));
    }

    @Test
    void startingCreditsOfZeroOpenAnExhaustedAccount() {
        fixture.givenNoPriorActivity()
                .when(new ChargeUsage(USER, "e1", "req-e1", "gpt-4o-mini", "chat.completions", TOKENS, 0, "EXACT", T0, 0))
                .expectEvents(opened(0, T0), charged("e1", 0, T0, new AccountBalance(0, 0, 0)));
    }

    // --- usage ---

    @Test
    void usageMayOvershootTheBalanceBecauseTheCallAlreadyHappened() {
        fixture.given(opened(100, T0))
                .when(charge("e1", 150, T1))
                .expectEvents(charged("e1", 150, T1, new AccountBalance(-50, 100, 150)));
    }

    @Test
    void usageOnAnExhaustedAccountIsStillRecorded() {
        fixture.given(opened(100, T0), charged("e1", 150, T1, new AccountBalance(-50, 100, 150)))
                .when(charge("e2", 7, T1))
                .expectEvents(charged("e2", 7, T1, new AccountBalance(-57, 100, 157)));
    }

    @Test
    void aFreeCallIsRecordedWithZeroCost() {
        fixture.given(opened(START, T0))
                .when(charge("e1", 0, T1))
                .expectEvents(charged("e1", 0, T1, new AccountBalance(START, START, 0)));
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
                .expectExceptionMessage(containsString("userId"))
                .expectNoEvents();
    }

    @Test
    void refusesAChargeThatWouldOverflowTheBalance() {
        long huge = Long.MAX_VALUE;
        fixture.given(opened(0, T0), charged("e1", huge, T0, new AccountBalance(-huge, 0, huge)))
                .when(charge("e2", 2, T1))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("overflow"))
                .expectNoEvents();
    }

    // --- grants ---

    @Test
    void aGrantRaisesBalanceAndCycleCredits() {
        fixture.given(opened(START, T0), charged("e1", 400, T0, new AccountBalance(999_600, START, 400)))
                .when(grant("g1", 5_000))
                .expectResultMessagePayload(GrantOutcome.GRANTED)
                .expectEvents(granted("g1", 5_000, new AccountBalance(1_004_600, 1_005_000, 400)));
    }

    @Test
    void aGrantBringsAnExhaustedAccountBackAboveZero() {
        fixture.given(opened(100, T0), charged("e1", 150, T1, new AccountBalance(-50, 100, 150)))
                .when(grant("g1", 60))
                .expectEvents(granted("g1", 60, new AccountBalance(10, 160, 150)));
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
        fixture.given(opened(START, T0), granted("g1", 5_000, new AccountBalance(1_005_000, 1_005_000, 0)))
                .when(grant("g1", 5_000))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(GrantOutcome.ALREADY_GRANTED)
                .expectNoEvents();
    }

    @Test
    void refusesAGrantIdReusedWithAnotherAmount() {
        fixture.given(opened(START, T0), granted("g1", 5_000, new AccountBalance(1_005_000, 1_005_000, 0)))
                .when(grant("g1", 6_000))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("already made"))
                .expectNoEvents();
    }

    // --- the fold checks its own stream ---

    @Test
    void anEventWhoseRecordedBalanceDisagreesWithTheFoldIsRefused() {
        fixture.given(opened(START, T0), charged("e1", 10, T1, new AccountBalance(START, START, 10)))
                .when(charge("e2", 1, T1))
                // Axon wraps what an event-sourcing handler throws while it loads the account.
                .expectException(allOf(instanceOf(MessageHandlerInvocationException.class),
                        hasProperty("cause", instanceOf(IllegalStateException.class))))
                .expectNoEvents();
    }

    private static ChargeUsage charge(String eventId, long cost, Instant at) {
        return new ChargeUsage(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT",
                at, START);
    }

    private static GrantCredits grant(String grantId, long amount) {
        return new GrantCredits(USER, grantId, amount, "support", "admin", T0, START);
    }

    private static AccountOpened opened(long startingCredits, Instant at) {
        return new AccountOpened(USER, startingCredits, at);
    }

    private static UsageCharged charged(String eventId, long cost, Instant at, AccountBalance after) {
        return new UsageCharged(USER, eventId, "req-" + eventId, "gpt-4o-mini", "chat.completions", TOKENS, cost, "EXACT",
                at, after);
    }

    private static CreditsGranted granted(String grantId, long amount, AccountBalance after) {
        return new CreditsGranted(USER, grantId, amount, "support", "admin", T0, after);
    }
}
