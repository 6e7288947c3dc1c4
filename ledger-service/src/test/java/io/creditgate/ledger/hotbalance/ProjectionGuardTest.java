package io.creditgate.ledger.hotbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.creditgate.ledger.LedgerServiceTestBase;

/**
 * Redis that lost its data gets every account back, and says so with the projection marker only once they are all
 * there: the gateway admits no call on an account Redis cannot show before that.
 */
class ProjectionGuardTest extends LedgerServiceTestBase {

    @Autowired
    ProjectionGuard guard;

    @Test
    void marksTheProjectionCompleteOnceTheLedgerHasWrittenIt() {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(redis.opsForValue().get(ProjectionGuard.MARKER)).isEqualTo(ProjectionGuard.COMPLETE));
    }

    @Test
    void writesEveryAccountAgainAfterRedisLostItsDataThenMarksItComplete() {
        String spender = newUserId();
        String idle = newUserId();
        publishUsage(usage(spender, UUID.randomUUID().toString(), 3_000), usage(idle, UUID.randomUUID().toString(), 10));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(redis.opsForHash().get(BalanceKeys.account(spender), "balance"))
                    .isEqualTo(Long.toString(STARTING_CREDITS - 3_000));
            assertThat(redis.opsForHash().get(BalanceKeys.account(idle), "balance"))
                    .isEqualTo(Long.toString(STARTING_CREDITS - 10));
        });
        double rebuildsBefore = meters.counter("ledger.redis.rebuilds").count();

        redis.getConnectionFactory().getConnection().serverCommands().flushAll();

        // No new event for either user: only the guard can bring their accounts back.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(redis.opsForValue().get(ProjectionGuard.MARKER)).isEqualTo(ProjectionGuard.COMPLETE));
        assertThat(redis.opsForHash().entries(BalanceKeys.account(spender))).containsEntry("balance",
                Long.toString(STARTING_CREDITS - 3_000)).containsEntry("version", "1").containsEntry("status", "ACTIVE");
        assertThat(redis.opsForHash().get(BalanceKeys.account(idle), "balance"))
                .isEqualTo(Long.toString(STARTING_CREDITS - 10));
        assertThat(meters.counter("ledger.redis.rebuilds").count()).isGreaterThan(rebuildsBefore);
        assertThat(redis.hasKey("cg:projection-lock")).isFalse();
    }

    @Test
    void aCompleteMarkerMeansNothingToDo() {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(redis.opsForValue().get(ProjectionGuard.MARKER)).isEqualTo(ProjectionGuard.COMPLETE));

        assertThat(guard.check()).isZero();
    }

    @Test
    void aMarkerLeftRebuildingByALedgerThatDiedIsRebuilt() {
        String user = newUserId();
        publishUsage(usage(user, UUID.randomUUID().toString(), 7));
        await().atMost(WAIT).untilAsserted(() -> assertThat(redis.opsForHash().get(BalanceKeys.account(user), "balance"))
                .isEqualTo(Long.toString(STARTING_CREDITS - 7)));
        redis.opsForValue().set(ProjectionGuard.MARKER, ProjectionGuard.REBUILDING);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(redis.opsForValue().get(ProjectionGuard.MARKER)).isEqualTo(ProjectionGuard.COMPLETE));
    }
}
