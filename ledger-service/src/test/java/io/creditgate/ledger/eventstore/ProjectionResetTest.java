package io.creditgate.ledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.creditgate.ledger.LedgerServiceTestBase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rebuilding a projection, the operator's way: reset a streaming processor's tokens. Axon stores a {@code ReplayToken},
 * which Jackson 3 refused to read back until the serializers allowed Axon's classes (CanonicalEventSerialization).
 */
class ProjectionResetTest extends LedgerServiceTestBase {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aProjectionWhoseTokensWereResetReadsItsReplayTokenBackAndRebuildsRedis() throws Exception {
        String user = newUserId();
        Instant before = Instant.now().minusSeconds(1);
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "before the reset", "grantId": "g1"}""").status()).isEqualTo(201);
        String expected = Long.toString(STARTING_CREDITS + 5_000);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user)).containsEntry("balance", expected));

        StreamingEventProcessor projection = processing.eventProcessor("redis-balance", StreamingEventProcessor.class)
                .orElseThrow();
        projection.shutdownAsync().get(30, TimeUnit.SECONDS);
        redis.delete("cg:{" + user + "}:account");
        // From just before the grant, so the replay stays short whatever other tests wrote.
        projection.resetTokens(source -> source.createTokenAt(before));
        assertThat(jdbc.queryForList("SELECT tokentype FROM tokenentry WHERE processorname = 'redis-balance'", String.class))
                .anyMatch(type -> type.endsWith("ReplayToken"));
        projection.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user)).containsEntry("balance", expected));
        assertThat(projection.processingStatus().values()).noneMatch(EventTrackerStatus::isErrorState);
    }
}
