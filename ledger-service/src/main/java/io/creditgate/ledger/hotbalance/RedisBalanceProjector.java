package io.creditgate.ledger.hotbalance;

import io.creditgate.ledger.account.LedgerEvent;
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

    /** Every journal event moves the balance (or at least the version); usage also clears its pending entry. */
    @EventHandler
    void on(LedgerEvent event, @SequenceNumber long version) {
        String pendingEventId = event instanceof UsageCharged usage ? usage.eventId() : null;
        if (fold.fold(event.userId(), event.after(), version, pendingEventId)) {
            written.increment();
        } else {
            stale.increment();
        }
    }
}
