package io.creditgate.ledger.hotbalance;

import io.creditgate.ledger.account.AccountBalance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** Runs the fold script ({@code fold.lua}): by EVALSHA, falling back to EVAL when Redis lost its script cache. */
@Component
class BalanceFold {

    private static final RedisScript<Long> SCRIPT =
            RedisScript.of(new ClassPathResource("io/creditgate/ledger/hotbalance/fold.lua"), Long.class);

    private final StringRedisTemplate redis;

    BalanceFold(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Publishes the account state of one event for the gateway: {@code balance} is what the user may still
     * spend ({@link AccountBalance#spendableCredits()}: the balance, lowered to the cycle cap's remainder), and
     * {@code status} is BLOCKED for a blocked user.
     *
     * @param version the account's sequence number of the event
     * @param pendingEventId the usage event whose pending entry to delete, or null
     * @return true when the account hash was written, false when it already held this or a newer version
     */
    boolean fold(String userId, AccountBalance after, long version, String pendingEventId) {
        Long written = redis.execute(SCRIPT, BalanceKeys.of(userId), Long.toString(after.spendableCredits()),
                Long.toString(version), after.status().name(), pendingEventId == null ? "" : pendingEventId,
                Long.toString(after.cycleCredits()), Long.toString(after.spentCycleCredits()));
        return written != null && written == 1L;
    }

    /** Writes an account's state as the read model holds it (no pending entry to delete); same versioned rule. */
    boolean fold(String userId, long spendableCredits, long version, String status, long cycleCredits,
                 long spentCycleCredits) {
        Long written = redis.execute(SCRIPT, BalanceKeys.of(userId), Long.toString(spendableCredits),
                Long.toString(version), status, "", Long.toString(cycleCredits), Long.toString(spentCycleCredits));
        return written != null && written == 1L;
    }
}
