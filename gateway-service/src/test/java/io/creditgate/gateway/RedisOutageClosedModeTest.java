package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalRedis;
import tools.jackson.databind.JsonNode;

/**
 * failure-mode closed: with Redis stopped no call goes out unchecked (503, the upstream never called) and
 * readiness goes DOWN while liveness stays UP; once Redis is back, calls are served again.
 */
class RedisOutageClosedModeTest extends OutageTestSupport {

    static final LocalRedis REDIS = LocalRedis.start();
    static final DemoUpstream DEMO = DemoUpstream.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        gatewayProperties(registry, DEMO.baseUrl(), REDIS.url(), LocalKafka.shared().bootstrapServers(),
                temporaryDirectory("redis-outage-closed-spool"));
        registry.add("creditgate.failure-mode", () -> "closed");
    }

    @AfterAll
    static void stopServers() {
        DEMO.close();
        REDIS.close();
    }

    @Test
    void refusesCallsWith503WhileRedisIsDownAndUntilTheLedgerHasWrittenItsAccountsBack() {
        String user = newUser();
        double unavailableBefore = counter("creditgate.admissions", "decision", "unavailable");
        DEMO.reset();
        REDIS.stop();
        try {
            HttpResponse<String> refused = post(user, chatBody("Anyone?"));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(json(refused.body())).isEqualTo(json("{\"error\":{\"message\":\"Credit checks are unavailable "
                    + "right now, so the call was not sent. Try again in a moment; if it persists, tell your "
                    + "administrator.\",\"type\":\"server_error\",\"code\":\"admission_unavailable\",\"param\":null}}"));
            assertThat(DEMO.requestCount()).isZero();
            assertThat(counter("creditgate.admissions", "decision", "unavailable")).isEqualTo(unavailableBefore + 1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                HttpResponse<String> readiness = getAsAdmin("/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                JsonNode controlPlane = json(readiness.body()).at("/components/controlPlane");
                assertThat(controlPlane.at("/status").asString()).isEqualTo("DOWN");
                assertThat(controlPlane.at("/details/redis").asString()).isEqualTo("DOWN");
                assertThat(controlPlane.at("/details/failureMode").asString()).isEqualTo("closed");
            });
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            REDIS.restart();
        }

        // Lettuce reconnects with a backoff; on a loaded machine (the whole suite on 2 cores) that took over 10 s.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
        // Redis answers again, but empty: until the ledger has written every account back, a missing account may be
        // a lost one, so no call is admitted on the starting credits.
        double unavailableAfterOutage = counter("creditgate.admissions", "decision", "unavailable");
        HttpResponse<String> beforeProjection = post(user, chatBody("Back?"));
        assertThat(beforeProjection.statusCode()).isEqualTo(503);
        assertThat(json(beforeProjection.body()).at("/error/code").asString()).isEqualTo("admission_unavailable");
        assertThat(counter("creditgate.admissions", "decision", "unavailable")).isEqualTo(unavailableAfterOutage + 1);
        assertThat(redis.hasKey("cg:{" + user + "}:pending")).isFalse();
        assertThat(DEMO.requestCount()).isZero();

        ledgerProjectedRedis();
        assertThat(post(user, chatBody("Back now?")).statusCode()).isEqualTo(200);
    }
}
