package io.creditgate.ledger.plan;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.creditgate.ledger.account.RenewCycles;
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
 * Sends {@link RenewCycles} with the current time to every account whose cycle ended. The time travels in the
 * command (decision 16's rule, for renewals too), so the account stays deterministic; the read model only says whom
 * to ask. Several nodes may run it: a second {@code RenewCycles} finds nothing due.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CycleRenewalScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CycleRenewalScheduler.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final PlansProperties.Renewal properties;
    private final Clock clock;
    private final Counter renewed;
    private final Counter failures;

    /** Plans only a paid invoice renews: their cycles' ends pass without a renewal, so they are not asked. */
    private final String[] renewedByPayment;

    CycleRenewalScheduler(CommandGateway commands, JdbcTemplate jdbc, PlansProperties plans, PlanCatalog catalog,
            Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.renewedByPayment = catalog.renewedByPayment().toArray(String[]::new);
        this.jdbc = jdbc;
        this.properties = plans.renewal();
        this.clock = clock;
        this.renewed = Counter.builder("ledger.cycles.renewed").description("cycles renewed by the scheduler")
                .register(meters);
        this.failures = Counter.builder("ledger.cycles.renewal.failures")
                .description("RenewCycles commands that failed (retried on the next run)").register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.enabled()) {
            registrar.addFixedDelayTask(() -> renewDue(clock.instant()), properties.interval());
        }
    }

    /** One run: renews the cycles ended by {@code now} of at most one batch of accounts; returns the renewals. */
    int renewDue(Instant now) {
        // The aggregate never renews such a plan on the clock either (its recorded terms decide); skipping them here
        // spares a no-op command per subscribed account and run.
        List<String> users = jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT user_id FROM account WHERE cycle_ends_at <= ? AND NOT (plan_id = ANY (?)) LIMIT ?");
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, connection.createArrayOf("varchar", renewedByPayment));
            statement.setInt(3, properties.batchAccounts());
            return statement;
        }, (row, number) -> row.getString(1));
        int total = 0;
        for (String user : users) {
            try {
                Integer count = commands.sendAndWait(new RenewCycles(user, now));
                total += count == null ? 0 : count;
            } catch (RuntimeException e) {
                failures.increment();
                log.warn("could not renew the cycle of {}; the next run retries: {}", user, e.getMessage());
            }
        }
        renewed.increment(total);
        return total;
    }
}
