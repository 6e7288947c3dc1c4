package io.creditgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.creditgate.ledger.account.GrantCredits;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * Two ledgers on one PostgreSQL, Kafka and Redis (issue 14): they share the usage topic's partitions, and an account
 * commanded from both at once is never changed by both at once. The event store's unique (account, sequence) index
 * refuses the second append; with its cached account evicted, the loser's retry applies on the winner's state. Every
 * charge and every grant lands exactly once.
 */
class TwoLedgersTest extends LedgerServiceTestBase {

    private static ConfigurableApplicationContext second;

    @Autowired
    CommandGateway commands;
    @Autowired
    Environment environment;

    @AfterAll
    static void stopSecondLedger() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twoLedgersChargeAndGrantOneAccountConcurrentlyEachChangeExactlyOnce() throws Exception {
        CommandGateway other = secondLedger().getBean(CommandGateway.class);
        String user = newUserId();
        publishUsage(usage(user, UUID.randomUUID().toString(), 1));
        awaitBalance(user, STARTING_CREDITS - 1);

        int grantsPerLedger = 25;
        int usages = 200;
        long grantCredits = 1_000;
        long usageCredits = 7;
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> grants = new ArrayList<>();
            for (int i = 0; i < grantsPerLedger; i++) {
                grants.add(pool.submit(() -> grantUntilApplied(commands, user, grantCredits, conflicts)));
                grants.add(pool.submit(() -> grantUntilApplied(other, user, grantCredits, conflicts)));
            }
            List<UsageRecorded> charges = new ArrayList<>();
            for (int i = 0; i < usages; i++) {
                charges.add(usage(user, UUID.randomUUID().toString(), usageCredits));
            }
            publishUsage(charges.toArray(UsageRecorded[]::new));
            for (Future<?> grant : grants) {
                grant.get();
            }
        } finally {
            pool.shutdown();
        }

        long expected = STARTING_CREDITS - 1 + 2 * grantsPerLedger * grantCredits - usages * usageCredits;
        awaitBalance(user, expected);
        // 1 opening + 1 first charge + 50 grants + 200 charges, numbered 0..251 without a gap or a repeat.
        List<Long> sequences = jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", Long.class, user);
        assertThat(sequences).hasSize(2 + 2 * grantsPerLedger + usages);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE user_id = ?", Long.class, user))
                .isEqualTo(usages + 1);
        // Redis holds the same balance for the gateway, whichever ledger folded last.
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user).get("balance"))
                .isEqualTo(Long.toString(expected)));
        System.out.printf("two ledgers: %d grant commands refused by the sequence check and retried%n", conflicts.get());
    }

    /** A client's retry of a refused grant, as the admin API's caller would (same grant id: applied once at most). */
    private static void grantUntilApplied(CommandGateway gateway, String user, long credits, AtomicInteger conflicts) {
        String grantId = "grant-" + UUID.randomUUID();
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                gateway.sendAndWait(new GrantCredits(user, grantId, credits, "two ledgers", "test", Instant.now(),
                        STARTING_CREDITS));
                return;
            } catch (RuntimeException refused) {
                conflicts.incrementAndGet();
            }
        }
        throw new AssertionError("grant " + grantId + " was refused 20 times");
    }

    private ConfigurableApplicationContext secondLedger() {
        if (second == null) {
            List<String> properties = new ArrayList<>();
            for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                    "spring.kafka.bootstrap-servers", "spring.data.redis.url", "creditgate.admin-key",
                    "creditgate.auth.issuer", "creditgate.auth.jwk-set-uri", "creditgate.starting-credits",
                    "creditgate.plans.renewal.enabled", "creditgate.reconciliation.source", "creditgate.reconciliation.url",
                    "creditgate.reconciliation.api-key")) {
                properties.add("--" + key + "=" + environment.getRequiredProperty(key));
            }
            properties.add("--server.port=0");
            // As command-line arguments: they outrank application.yml, as the test's dynamic properties do.
            second = new SpringApplicationBuilder(LedgerApplication.class).run(properties.toArray(String[]::new));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> second.isRunning());
        return second;
    }
}
