package io.creditgate.ledger.hotbalance;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps the promise that Redis holds every account, or says it does not (decision 68). The marker
 * {@code cg:projection = complete} means "every account of the ledger is in this Redis". A Redis that lost its data
 * (restarted without persistence, flushed, failed over to an empty replica) lost the marker too; the gateway then
 * admits no call on an account it cannot find (its open mode serves from what it remembers, its closed mode
 * refuses), and this guard writes every account again from the read model ({@code account}, current with each
 * committed event) through the same versioned fold, then sets the marker. The streaming projector goes on folding
 * newer events meanwhile; the fold keeps whichever version is newer, so the two never move a balance back.
 *
 * <p>Several ledgers may run it: a short lock lets one write; the marker is first written as {@code rebuilding} and
 * turned {@code complete} only if it is still there, so a Redis that loses its data again mid-rebuild is rebuilt
 * once more rather than marked complete.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProjectionGuard implements SchedulingConfigurer {

    static final String MARKER = "cg:projection";
    static final String COMPLETE = "complete";
    static final String REBUILDING = "rebuilding";
    private static final String LOCK = "cg:projection-lock";
    private static final Duration LOCK_TIME = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(ProjectionGuard.class);

    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;
    private final BalanceFold fold;
    private final Duration interval;
    private final Counter rebuilds;
    private final AtomicLong lastRebuildAccounts = new AtomicLong();

    ProjectionGuard(StringRedisTemplate redis, JdbcTemplate jdbc, BalanceFold fold,
                    @Value("${creditgate.hot-balance.guard-interval:1s}") Duration interval, MeterRegistry meters) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.fold = fold;
        this.interval = interval;
        this.rebuilds = Counter.builder("ledger.redis.rebuilds")
                .description("times Redis was found without the projection marker and every account written again")
                .register(meters);
        meters.gauge("ledger.redis.rebuild.accounts", lastRebuildAccounts);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::checkQuietly, interval);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // Redis or PostgreSQL down: the next run tries again; the gateway meanwhile treats Redis as unavailable.
            log.debug("The Redis projection check failed: {}", e.toString());
        }
    }

    /** One run: rebuilds when the marker is missing (or left {@code rebuilding}); returns the accounts written. */
    long check() {
        if (COMPLETE.equals(redis.opsForValue().get(MARKER))) {
            return 0;
        }
        String owner = UUID.randomUUID().toString();
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(LOCK, owner, LOCK_TIME))) {
            return 0;
        }
        try {
            redis.opsForValue().set(MARKER, REBUILDING);
            long[] written = {0};
            jdbc.query("""
                    SELECT user_id, spendable_credits, version, status, cycle_credits, spent_cycle_credits
                    FROM account""", row -> {
                fold.fold(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4), row.getLong(5),
                        row.getLong(6));
                written[0]++;
            });
            Boolean marked = redis.opsForValue().setIfPresent(MARKER, COMPLETE);
            rebuilds.increment();
            lastRebuildAccounts.set(written[0]);
            if (Boolean.TRUE.equals(marked)) {
                log.info("Redis held no projection marker (new, or its data was lost): wrote all {} accounts to it "
                        + "again; the gateway admits on them once more", written[0]);
            } else {
                log.warn("Redis lost its data again while {} accounts were being written to it; starting over",
                        written[0]);
            }
            return written[0];
        } finally {
            if (owner.equals(redis.opsForValue().get(LOCK))) {
                redis.delete(LOCK);
            }
        }
    }
}
