package io.creditgate.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The account's small values: plan terms say what is wrong with them, token counts and balances check themselves. */
class AccountValuesTest {

    @Test
    void planTermsSayWhatIsWrongWithThem() {
        assertThat(new PlanTerms("bad id", CyclePeriod.NONE, 0, Rollover.RESET, 0, "UTC").problem()).contains("planId");
        assertThat(new PlanTerms("p", null, 0, Rollover.RESET, 0, "UTC").problem()).contains("period and rollover");
        assertThat(new PlanTerms("p", CyclePeriod.DAILY, 0, null, 0, "UTC").problem()).contains("period and rollover");
        assertThat(new PlanTerms("p", CyclePeriod.NONE, 0, Rollover.RESET, 0, "UTC", RenewedBy.PAYMENT).problem())
                .contains("renewed by payment needs a period");
        assertThat(new PlanTerms("p", CyclePeriod.DAILY, -1, Rollover.RESET, 0, "UTC").problem()).contains("must not be negative");
        assertThat(new PlanTerms("p", CyclePeriod.DAILY, 0, Rollover.CAPPED, -1, "UTC").problem()).contains("must not be negative");
        assertThat(new PlanTerms("p", CyclePeriod.DAILY, 0, Rollover.RESET, 0, "Mars/Olympus").problem())
                .contains("Mars/Olympus");
        assertThat(new PlanTerms("p", CyclePeriod.DAILY, 0, Rollover.RESET, 0, "UTC", RenewedBy.PAYMENT).problem()).isNull();
        assertThat(new PlanTerms("p", CyclePeriod.DAILY, 0, Rollover.RESET, 0, "UTC", null).renewedBy())
                .as("terms written before subscriptions are renewed by the clock").isEqualTo(RenewedBy.CLOCK);
    }

    @Test
    void tokenCountsAtTheirEdgesAreValidAndBeyondThemNot() {
        assertThat(new TokenCounts(0, 0, 0, 0).valid()).isTrue();
        assertThat(new TokenCounts(10, 10, 5, 5).valid()).isTrue();
        assertThat(new TokenCounts(10, 11, 5, 0).valid()).isFalse();
        assertThat(new TokenCounts(10, 0, 5, 6).valid()).isFalse();
        assertThat(new TokenCounts(-1, 0, 5, 0).valid()).isFalse();
        assertThat(new TokenCounts(1, 0, -1, 0).valid()).isFalse();
        assertThat(new TokenCounts(1, -1, 1, 0).valid()).isFalse();
        assertThat(new TokenCounts(1, 0, 1, -1).valid()).isFalse();
    }

    @Test
    void aBalanceIsConsistentOnlyWhenItIsTheCyclesCreditsLessItsSpend() {
        assertThat(new AccountBalance(-5, 0, 5).consistent()).isTrue();
        assertThat(new AccountBalance(1, 0, 0).consistent()).isFalse();
        assertThat(new AccountBalance(5, 0, -5).consistent()).isFalse();
    }

    @Test
    void appendingToTheChainReturnsTheNewHead() {
        JournalChain chain = new JournalChain();
        String head = chain.append(new AccountOpened("user-1", 5, java.time.Instant.parse("2026-11-25T10:00:00Z")));
        assertThat(head).isEqualTo(chain.head()).isNotEqualTo(JournalChain.GENESIS).hasSize(64);
        String next = chain.append("UserBlocked", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(next).isEqualTo(chain.head()).isNotEqualTo(head);
    }
}
