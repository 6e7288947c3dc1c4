package io.creditgate.ledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.account.ChargeOutcome;
import io.creditgate.ledger.account.ChargeUsage;
import io.creditgate.ledger.account.CommandRejectedException;
import io.creditgate.ledger.account.GrantCategory;
import io.creditgate.ledger.account.GrantCredits;
import io.creditgate.ledger.account.TokenCounts;
import io.creditgate.ledger.plan.PlanCatalog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A poll charged as one (decision 35): one transaction, one journal batch, the read model written per batch, and the
 * same answers as one command at a time (exactly once, every check, all or nothing).
 */
class PollChargingTest extends LedgerServiceTestBase {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    private PollCharging poll;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private PlanCatalog plans;

    @Test
    void aPollIsOneTransactionAndItsReadModelIsEveryEventFoldedInOrder() {
        String user = newUserId();
        String other = newUserId();
        grant(user, "g-500", 500, T0.plus(Duration.ofDays(30)));

        List<ChargeOutcome> outcomes = poll.chargeAll(List.of(charge(user, 200, T0.plusSeconds(1)),
                charge(user, 300, T0.plusSeconds(2)), charge(other, 10, T0.plusSeconds(3)),
                charge(user, 50, T0.plusSeconds(4))));

        assertThat(outcomes).containsOnly(ChargeOutcome.CHARGED).hasSize(4);
        // Every row the poll wrote carries the id of one and the same PostgreSQL transaction.
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT xmin::text) FROM (
                  SELECT xmin FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber >= 2
                  UNION ALL SELECT xmin FROM domainevententry WHERE aggregateidentifier = ?
                  UNION ALL SELECT xmin FROM processed_event WHERE user_id IN (?, ?)
                  UNION ALL SELECT xmin FROM account_transaction WHERE user_id IN (?, ?) AND type = 'USAGE') rows""",
                Long.class, user, other, user, other, user, other)).isEqualTo(1);
        Map<String, Object> account = jdbc.queryForMap("SELECT balance_credits, version FROM account WHERE user_id = ?", user);
        assertThat(account).containsEntry("balance_credits", STARTING_CREDITS + 500 - 550).containsEntry("version", 4L);
        assertThat(jdbc.queryForList("""
                SELECT balance_after_credits FROM account_transaction WHERE user_id = ? AND type = 'USAGE' ORDER BY version""",
                Long.class, user)).containsExactly(STARTING_CREDITS + 300, STARTING_CREDITS, STARTING_CREDITS - 50);
        // The grant's burns are summed; it closes when the second usage spends it, not at the end of the poll.
        Map<String, Object> spent = jdbc.queryForMap(
                "SELECT remaining_credits, status, closed_at FROM account_grant WHERE user_id = ? AND grant_id = 'g-500'", user);
        assertThat(spent).containsEntry("remaining_credits", 0L).containsEntry("status", "SPENT")
                .containsEntry("closed_at", Timestamp.from(T0.plusSeconds(2)));
        assertThat(jdbc.queryForObject("SELECT remaining_credits FROM account_grant WHERE user_id = ? AND grant_id = 'opening'",
                Long.class, user)).isEqualTo(STARTING_CREDITS - 50);
        assertThat(jdbc.queryForObject("SELECT balance_credits FROM account WHERE user_id = ?", Long.class, other))
                .isEqualTo(STARTING_CREDITS - 10);
    }

    @Test
    void anotherEventInThePollIsWrittenAfterTheUsageBeforeIt() {
        String user = newUserId();
        Instant expiry = T0.plus(Duration.ofHours(1));
        grant(user, "g-expiring", 100, expiry);

        // The second charge expires the grant first (GrantExpired, then UsageCharged) inside the same poll.
        poll.chargeAll(List.of(charge(user, 30, expiry.minusSeconds(600)), charge(user, 20, expiry.plusSeconds(600))));

        assertThat(jdbc.queryForList("SELECT type FROM account_transaction WHERE user_id = ? ORDER BY version",
                String.class, user)).containsExactly("OPENED", "GRANT", "USAGE", "EXPIRY", "USAGE");
        assertThat(jdbc.queryForObject("SELECT version FROM account WHERE user_id = ?", Long.class, user)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT status FROM account_grant WHERE user_id = ? AND grant_id = 'g-expiring'",
                String.class, user)).isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject("SELECT balance_credits FROM account WHERE user_id = ?", Long.class, user))
                .isEqualTo(STARTING_CREDITS + 100 - 30 - 70 - 20);
    }

    @Test
    void aCommandThatFailsRollsTheWholePollBack() {
        String user = newUserId();
        ChargeUsage fine = charge(user, 100, T0);

        assertThatThrownBy(() -> poll.chargeAll(List.of(fine, charge(user, -5, T0.plusSeconds(1)))))
                .isInstanceOf(CommandRejectedException.class);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                user)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class,
                fine.eventId())).isZero();
        assertThat(poll.chargeAll(List.of(fine))).containsExactly(ChargeOutcome.CHARGED);
    }

    @Test
    void eachUsageEventIdIsChargedOnceWithinAPollAndAcrossPolls() {
        String user = newUserId();
        ChargeUsage first = charge(user, 100, T0);
        ChargeUsage second = charge(user, 200, T0.plusSeconds(1));

        assertThat(poll.chargeAll(List.of(first, first))).containsExactly(ChargeOutcome.CHARGED, ChargeOutcome.ALREADY_CHARGED);
        assertThat(poll.chargeAll(List.of(first, second))).containsExactly(ChargeOutcome.ALREADY_CHARGED, ChargeOutcome.CHARGED);

        assertThat(jdbc.queryForObject("SELECT balance_credits FROM account WHERE user_id = ?", Long.class, user))
                .isEqualTo(STARTING_CREDITS - 300);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_transaction WHERE user_id = ? AND type = 'USAGE'",
                Long.class, user)).isEqualTo(2);
    }

    @Test
    void aReadModelThatIsNotWhereTheJournalSaysFailsThePollAndCommitsNothing() {
        String user = newUserId();
        poll.chargeAll(List.of(charge(user, 100, T0)));
        jdbc.update("UPDATE account SET version = version + 7 WHERE user_id = ?", user);
        ChargeUsage next = charge(user, 100, T0.plusSeconds(1));
        try {
            assertThatThrownBy(() -> poll.chargeAll(List.of(next))).hasMessageContaining("is not at the version before");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, user)).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class,
                    next.eventId())).isZero();
        } finally {
            jdbc.update("UPDATE account SET version = version - 7 WHERE user_id = ?", user);
        }
        assertThat(poll.chargeAll(List.of(next))).containsExactly(ChargeOutcome.CHARGED);
        assertThat(jdbc.queryForObject("SELECT balance_credits FROM account WHERE user_id = ?", Long.class, user))
                .isEqualTo(STARTING_CREDITS - 200);
    }

    @Test
    void anAccountThatPassesTheSnapshotThresholdInAPollIsSnapshottedAfterItsCommit() {
        String user = newUserId();
        List<ChargeUsage> charges = new java.util.ArrayList<>();
        for (int i = 0; i < 510; i++) {
            charges.add(charge(user, 1, T0.plusMillis(i)));
        }

        assertThat(poll.chargeAll(charges)).hasSize(510).containsOnly(ChargeOutcome.CHARGED);

        // The snapshot (threshold 500) is written after the poll's commit, at the poll's last event.
        assertThat(jdbc.queryForObject("SELECT max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Long.class, user)).isEqualTo(510);
        assertThat(jdbc.queryForObject("SELECT balance_credits FROM account WHERE user_id = ?", Long.class, user))
                .isEqualTo(STARTING_CREDITS - 510);
        assertThat(poll.chargeAll(List.of(charge(user, 1, T0.plusSeconds(1))))).containsExactly(ChargeOutcome.CHARGED);
    }

    private ChargeUsage charge(String user, long costCredits, Instant at) {
        String eventId = UUID.randomUUID().toString();
        return new ChargeUsage(user, eventId, "req-" + eventId, "gpt-4o-mini", "/v1/chat/completions",
                new TokenCounts(1_000, 0, 100, 0), costCredits, "EXACT", at, plans.startingCredits(), plans.defaultPlan());
    }

    private void grant(String user, String grantId, long amountCredits, Instant expiresAt) {
        commands.sendAndWait(new GrantCredits(user, grantId, amountCredits, "test grant", "test", T0,
                GrantCategory.PROMOTIONAL, expiresAt, 0, plans.startingCredits(), plans.defaultPlan()));
    }
}
