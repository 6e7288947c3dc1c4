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
 * Serving is not free: a user last seen out of credits stays refused, others spend at most what they were last
 * seen able to afford, and a Redis that comes back without its data is not believed about users it held.
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
    void aUserOutOfCreditsStaysRefusedWhileRedisIsDownAndAfterItComesBackEmpty() {
        String broke = newUser();
        redis.opsForHash().putAll("cg:{" + broke + "}:account", Map.of("balance", "0", "version", "7"));
        assertThat(post(broke, chatBody("Anything left?")).statusCode()).isEqualTo(402);
        double refusedBefore = counter("creditgate.admissions", "decision", "refused_remembered");

        REDIS.stop();
        HttpResponse<String> duringOutage = post(broke, chatBody("Now that Redis is down?"));

        assertThat(duringOutage.statusCode()).isEqualTo(402);
        assertThat(json(duringOutage.body()).at("/error/message").asString()).contains("used all your credits");

        // Back, but empty: without the account it held, Redis would take the user for a new one with starting credits.
        REDIS.restart();
        awaitGatewaySeesRedis();
        assertThat(post(broke, chatBody("And after it came back?")).statusCode()).isEqualTo(402);
        assertThat(counter("creditgate.admissions", "decision", "refused_remembered")).isEqualTo(refusedBefore + 2);
        assertThat(redis.hasKey("cg:{" + broke + "}:pending")).isFalse();

        // Once the ledger's projection writes the account again, Redis decides as before.
        redis.opsForHash().putAll("cg:{" + broke + "}:account", Map.of("balance", "1000000", "version", "8"));
        assertThat(post(broke, chatBody("Topped up")).statusCode()).isEqualTo(200);
    }

    private void awaitGatewaySeesRedis() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(getAsAdmin(
                "/actuator/health/readiness").body()).at("/components/controlPlane/details/redis").asString())
                .isEqualTo("UP"));
    }

    @Test
    void aUserWithCreditsSpendsWhileRedisIsDownAtMostWhatTheyWereLastSeenAbleToAfford() {
        String user = newUser();
        long balance = 100;
        redis.opsForHash().putAll("cg:{" + user + "}:account", Map.of("balance", Long.toString(balance), "version", "3"));
        assertThat(post(user, chatBody("Hello")).statusCode()).isEqualTo(200);
        long firstCost = awaitEvents(EVENTS, user, 1).get(0).getCostCredits();

        REDIS.stop();
        int answered = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> response = post(user, chatBody("Another question " + i));
            if (response.statusCode() == 200) {
                answered++;
            } else {
                refused = response;
            }
        }

        assertThat(answered).isPositive();
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(402);
        long spentDuringOutage = awaitEvents(EVENTS, user, 1 + answered).stream().skip(1)
                .mapToLong(UsageRecorded::getCostCredits).sum();
        assertThat(spentDuringOutage).isLessThanOrEqualTo(balance - firstCost);
    }

    @Test
    void checksCreditsAgainOnceRedisIsBack() {
        String broke = newUser();
        REDIS.stop();
        assertThat(post(broke, chatBody("Unchecked while Redis is down")).statusCode()).isEqualTo(200);

        REDIS.restart();

        // Redis comes back empty; the ledger projects every balance again and marks it so. This user has none left.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            redis.opsForHash().putAll("cg:{" + broke + "}:account", Map.of("balance", "0", "version", "1"));
            ledgerProjectedRedis();
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
