package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalRedis;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import tools.jackson.databind.JsonNode;

/**
 * failure-mode open (the default): with Redis stopped the gateway keeps serving, meters every call and
 * publishes its usage; readiness stays UP and says Redis is down; once Redis is back, credits are checked again.
 */
class RedisOutageOpenModeTest extends OutageTestSupport {

    static final LocalRedis REDIS = LocalRedis.start();
    static final DemoUpstream DEMO = DemoUpstream.start();
    static final UsageEventsProbe EVENTS = new UsageEventsProbe(LocalKafka.shared().bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        gatewayProperties(registry, DEMO.baseUrl(), REDIS.url(), LocalKafka.shared().bootstrapServers(),
                temporaryDirectory("redis-outage-open-spool"));
    }

    @AfterEach
    void bringRedisBack() {
        REDIS.restart();
    }

    @AfterAll
    static void stopServers() {
        EVENTS.close();
        DEMO.close();
        REDIS.close();
    }

    @Test
    void servesMetersAndPublishesCallsWhileRedisIsDown() {
        String user = newUser();
        double uncheckedBefore = counter("creditgate.admissions", "decision", "unchecked");
        REDIS.stop();

        HttpResponse<String> response = post(user, chatBody("Are you still there?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).at("/choices/0/message/content").asString()).isNotBlank();
        UsageRecorded event = awaitEvents(EVENTS, user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(event.getPromptTokens()).isEqualTo(json(response.body()).at("/usage/prompt_tokens").asLong());
        assertThat(event.getCostCredits()).isPositive();
        assertThat(counter("creditgate.admissions", "decision", "unchecked")).isEqualTo(uncheckedBefore + 1);
    }

    @Test
    void readinessStaysUpAndShowsRedisDownWhileLivenessStaysUp() {
        REDIS.stop();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> readiness = getAsAdmin("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            JsonNode controlPlane = json(readiness.body()).at("/components/controlPlane");
            assertThat(controlPlane.at("/status").asString()).isEqualTo("UP");
            assertThat(controlPlane.at("/details/redis").asString()).isEqualTo("DOWN");
            assertThat(controlPlane.at("/details/kafka").asString()).isEqualTo("UP");
            assertThat(controlPlane.at("/details/failureMode").asString()).isEqualTo("open");
        });
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness.body()).at("/status").asString()).isEqualTo("UP");
    }

    @Test
    void checksCreditsAgainOnceRedisIsBack() {
        String broke = newUser();
        REDIS.stop();
        assertThat(post(broke, chatBody("Unchecked while Redis is down")).statusCode()).isEqualTo(200);

        REDIS.restart();

        // Redis comes back empty; the ledger would project the balance again. This user has none left.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            redis.opsForHash().putAll("cg:{" + broke + "}:account", Map.of("balance", "0", "version", "1"));
            assertThat(post(broke, chatBody("And now?")).statusCode()).isEqualTo(402);
        });
        String user = newUser();
        assertThat(post(user, chatBody("Checked again")).statusCode()).isEqualTo(200);
        UsageRecorded event = awaitEvents(EVENTS, user, 1).get(0);
        assertThat(redis.opsForHash().get("cg:{" + user + "}:pending", event.getEventId()))
                .isEqualTo(Long.toString(event.getCostCredits()));
        assertThat(redis.opsForZSet().size("cg:{" + user + "}:pending-at")).isZero();
    }
}
