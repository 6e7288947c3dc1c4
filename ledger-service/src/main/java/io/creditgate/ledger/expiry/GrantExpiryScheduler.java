package io.creditgate.ledger.expiry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.creditgate.ledger.account.ExpireGrants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Sends {@link ExpireGrants} with the current time to every account holding an open grant that is due. The
 * time travels in the command, so the account stays deterministic; the read model only says whom to ask.
 * Several nodes may run it: a second {@code ExpireGrants} for the same account finds nothing due.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GrantExpiryScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(GrantExpiryScheduler.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ExpiryProperties properties;
    private final Clock clock;
    private final Counter expired;
    private final Counter failures;

    GrantExpiryScheduler(CommandGateway commands, JdbcTemplate jdbc, ExpiryProperties properties, Clock clock,
            MeterRegistry meters) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.expired = Counter.builder("ledger.grants.expired").description("grants expired by the scheduler")
                .register(meters);
        this.failures = Counter.builder("ledger.grants.expiry.failures")
                .description("ExpireGrants commands that failed (retried on the next run)").register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.enabled()) {
            registrar.addFixedDelayTask(() -> expireDue(clock.instant()), properties.interval());
        }
    }

    /** One run: expires what is due at {@code now} in at most one batch of accounts; returns the grants expired. */
    int expireDue(Instant now) {
        List<String> users = jdbc.queryForList("""
                SELECT DISTINCT user_id FROM account_grant
                WHERE status = 'OPEN' AND expires_at IS NOT NULL AND expires_at <= ?
                LIMIT ?""", String.class, Timestamp.from(now), properties.batchAccounts());
        int total = 0;
        for (String user : users) {
            try {
                Integer count = commands.sendAndWait(new ExpireGrants(user, now));
                total += count == null ? 0 : count;
            } catch (RuntimeException e) {
                failures.increment();
                log.warn("could not expire the grants of {}; the next run retries: {}", user, e.getMessage());
            }
        }
        expired.increment(total);
        return total;
    }
}
