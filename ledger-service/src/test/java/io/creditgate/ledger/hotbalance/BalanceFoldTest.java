package io.creditgate.ledger.hotbalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.account.AccountBalance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The fold script on real Redis: newer versions win, a replay never moves the balance back, pending always goes. */
class BalanceFoldTest extends LedgerServiceTestBase {

    @Autowired
    BalanceFold fold;

    @Test
    void writesTheFirstFoldOfAnAccountRedisHasNotSeenWithTheCycleForThe80PercentWarning() {
        String user = "fold-" + newUserId();

        assertThat(fold.fold(user, new AccountBalance(700, 1_000, 300), 0, null)).isTrue();

        assertThat(redisAccount(user)).isEqualTo(Map.of("balance", "700", "version", "0", "status", "ACTIVE",
                "cycleCredits", "1000", "spentCycleCredits", "300"));
    }

    @Test
    void aNewerVersionOverwritesAndDeletesItsPendingEntry() {
        String user = "fold-" + newUserId();
        fold(user, 700, 3, null);
        redis.opsForHash().put(BalanceKeys.pending(user), "e4", "200");

        assertThat(fold(user, 0, 4, "e4")).isTrue();

        assertThat(redisAccount(user)).containsEntry("balance", "0").containsEntry("version", "4")
                .containsEntry("status", "EXHAUSTED");
        assertThat(redis.hasKey(BalanceKeys.pending(user))).isFalse();
    }

    @Test
    void aFoldedCallIsInFlightNoMoreEvenWhenTheGatewaysSettleNeverReachedRedis() {
        String user = "fold-" + newUserId();
        fold(user, 700, 3, null);
        // The gateway reserved (pending + in-flight marker), then its settle failed: the marker stayed.
        redis.opsForHash().put(BalanceKeys.pending(user), "e6", "200");
        redis.opsForZSet().add(BalanceKeys.pendingAt(user), "e6", 1);
        redis.opsForZSet().add(BalanceKeys.pendingAt(user), "still-running", 2);

        fold(user, 650, 4, "e6");

        assertThat(redis.opsForZSet().range(BalanceKeys.pendingAt(user), 0, -1)).containsExactly("still-running");
    }

    @Test
    void aReplayedOrLateFoldNeverMovesTheBalanceBackButStillDeletesItsPendingEntry() {
        String user = "fold-" + newUserId();
        fold(user, 500, 7, null);
        redis.opsForHash().put(BalanceKeys.pending(user), "e5", "90");
        redis.opsForHash().put(BalanceKeys.pending(user), "other", "10");
        redis.opsForValue().set(BalanceKeys.pendingTotal(user), "100");

        assertThat(fold(user, 900, 5, "e5")).isFalse();
        assertThat(fold(user, 900, 7, null)).isFalse();

        assertThat(redisAccount(user)).isEqualTo(Map.of("balance", "500", "version", "7", "status", "ACTIVE",
                "cycleCredits", "500", "spentCycleCredits", "0"));
        assertThat(redis.opsForHash().entries(BalanceKeys.pending(user))).isEqualTo(Map.of("other", "10"));
        assertThat(redis.opsForValue().get(BalanceKeys.pendingTotal(user))).isEqualTo("10");
    }

    @Test
    void aBlockedUserIsBlockedAndACappedUserGetsOnlyTheCapsRemainderAsBalance() {
        String user = "fold-" + newUserId();

        fold.fold(user, new AccountBalance(5_000, 6_000, 1_000, 1_200L, false), 1, null);
        assertThat(redisAccount(user)).containsEntry("balance", "200").containsEntry("status", "ACTIVE");
        fold.fold(user, new AccountBalance(5_000, 6_000, 1_000, 1_200L, true), 2, null);
        assertThat(redisAccount(user)).containsEntry("balance", "200").containsEntry("status", "BLOCKED");
        fold.fold(user, new AccountBalance(4_800, 6_000, 1_200, 1_200L, false), 3, null);
        assertThat(redisAccount(user)).containsEntry("balance", "0").containsEntry("status", "EXHAUSTED");
    }

    @Test
    void keepsLargeAndNegativeBalancesExact() {
        String user = "fold-" + newUserId();

        fold(user, Long.MIN_VALUE + 1, 1, null);
        assertThat(redisAccount(user)).containsEntry("balance", Long.toString(Long.MIN_VALUE + 1));
        fold(user, Long.MAX_VALUE, 2, null);
        assertThat(redisAccount(user)).containsEntry("balance", Long.toString(Long.MAX_VALUE));
    }

    private boolean fold(String user, long balance, long version, String pendingEventId) {
        return fold.fold(user, new AccountBalance(balance, balance, 0), version, pendingEventId);
    }
}
