package io.creditgate.ledger.hotbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.platform.embedded.LocalRedis;
import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The Redis projection survives an outage: the processor keeps its token and folds once Redis is back. */
class RedisOutageTest extends LedgerServiceTestBase {

    @AfterEach
    void redisRunsAgain() {
        LocalRedis.shared().restart();
    }

    @Autowired
    LettuceConnectionFactory connections;

    @Test
    void lettuceFailsFastWhileDisconnectedAndTimesOutExplicitly() {
        assertThat(connections.getClientConfiguration().getClientOptions()).hasValueSatisfying(options ->
                assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS));
        assertThat(connections.getClientConfiguration().getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void reconnectsWithinASecondOfRedisReturningHoweverLongItWasGone() {
        var delay = connections.getClientConfiguration().getClientResources().orElseThrow().reconnectDelay();
        for (long attempt = 1; attempt <= 40; attempt++) {
            assertThat(delay.createDelay(attempt)).as("delay before reconnect attempt " + attempt)
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFoldMissedDuringARedisOutageIsWrittenWhenRedisReturns() throws InterruptedException {
        String user = newUserId();
        LocalRedis.shared().stop();

        publishUsage(usage(user, UUID.randomUUID().toString(), 3_000));
        awaitBalance(user, STARTING_CREDITS - 3_000);
        // Longer than the command timeout (2 s): even a command queued in the client has failed by now.
        Thread.sleep(3_000);
        LocalRedis.shared().restart();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(redisAccount(user)).isEqualTo(
                Map.of("balance", Long.toString(STARTING_CREDITS - 3_000), "version", "1", "status", "ACTIVE",
                        "cycleCredits", Long.toString(STARTING_CREDITS), "spentCycleCredits", "3000")));
    }
}
