package io.creditgate.ledger.hotbalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.creditgate.ledger.LedgerServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The fold script on real Redis: newer versions win, a replay never moves the balance back, pending always goes. */
class BalanceFoldTest extends LedgerServiceTestBase {

    @Autowired
    BalanceFold fold;

    @Test
    void writesTheFirstFoldOfAnAccountRedisHasNotSeen() {
        String user = "fold-" + newUserId();

        assertThat(fold.fold(user, 700, 0, null)).isTrue();

        assertThat(redisAccount(user)).isEqualTo(Map.of("balance", "700", "version", "0", "status", "ACTIVE"));
    }

    @Test
    void aNewerVersionOverwritesAndDeletesItsPendingEntry() {
        String user = "fold-" + newUserId();
        fold.fold(user, 700, 3, null);
        redis.opsForHash().put(BalanceKeys.pending(user), "e4", "200");

        assertThat(fold.fold(user, 0, 4, "e4")).isTrue();

        assertThat(redisAccount(user)).isEqualTo(Map.of("balance", "0", "version", "4", "status", "EXHAUSTED"));
        assertThat(redis.hasKey(BalanceKeys.pending(user))).isFalse();
    }

    @Test
    void aReplayedOrLateFoldNeverMovesTheBalanceBackButStillDeletesItsPendingEntry() {
        String user = "fold-" + newUserId();
        fold.fold(user, 500, 7, null);
        redis.opsForHash().put(BalanceKeys.pending(user), "e5", "90");
        redis.opsForHash().put(BalanceKeys.pending(user), "other", "10");

        assertThat(fold.fold(user, 900, 5, "e5")).isFalse();
        assertThat(fold.fold(user, 900, 7, null)).isFalse();

        assertThat(redisAccount(user)).isEqualTo(Map.of("balance", "500", "version", "7", "status", "ACTIVE"));
        assertThat(redis.opsForHash().entries(BalanceKeys.pending(user))).isEqualTo(Map.of("other", "10"));
    }

    @Test
    void keepsLargeAndNegativeBalancesExact() {
        String user = "fold-" + newUserId();

        fold.fold(user, Long.MIN_VALUE + 1, 1, null);
        assertThat(redisAccount(user)).containsEntry("balance", Long.toString(Long.MIN_VALUE + 1));
        fold.fold(user, Long.MAX_VALUE, 2, null);
        assertThat(redisAccount(user)).containsEntry("balance", Long.toString(Long.MAX_VALUE));
    }
}
