package io.creditgate.ledger.hotbalance;

import io.creditgate.ledger.account.AccountOpened;
import io.creditgate.ledger.account.CreditsGranted;
import io.creditgate.ledger.account.UsageCharged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Projects every committed account change into Redis for the gateway's admission check.
 *
 * <p>A pooled streaming processor with its token in PostgreSQL: it reads only committed events, and it
 * advances its token only after Redis accepted the fold. When Redis is down the fold fails, the processor
 * backs off and retries from its last token; when Redis returns (even empty) it catches up. Folding an
 * event twice is harmless: the script ignores versions it already holds and deleting a pending entry
 * twice deletes nothing.
 */
@Component
@ProcessingGroup(RedisBalanceProjector.PROCESSING_GROUP)
class RedisBalanceProjector {

    static final String PROCESSING_GROUP = "redis-balance";

    private final BalanceFold fold;
    private final Counter written;
    private final Counter stale;

    RedisBalanceProjector(BalanceFold fold, MeterRegistry meters) {
        this.fold = fold;
        this.written = meters.counter("ledger.redis.folds", "result", "written");
        this.stale = meters.counter("ledger.redis.folds", "result", "stale");
    }

    @EventHandler
    void on(AccountOpened event, @SequenceNumber long version) {
        project(event.userId(), event.after().balanceCredits(), version, null);
    }

    @EventHandler
    void on(CreditsGranted event, @SequenceNumber long version) {
        project(event.userId(), event.after().balanceCredits(), version, null);
    }

    @EventHandler
    void on(UsageCharged event, @SequenceNumber long version) {
        project(event.userId(), event.after().balanceCredits(), version, event.eventId());
    }

    private void project(String userId, long balanceCredits, long version, String pendingEventId) {
        if (fold.fold(userId, balanceCredits, version, pendingEventId)) {
            written.increment();
        } else {
            stale.increment();
        }
    }
}
