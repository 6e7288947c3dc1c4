package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** What an operator sees: health with Redis, Kafka and the failure mode, and the Prometheus metrics of issue 3. */
class OperationsTest extends GatewayTestBase {

    @Test
    void prometheusShowsCallsTokensCreditsAdmissionsLatenciesSpoolAndReservations() {
        assertThat(post(newUser(), chatBody("gpt-4o-mini", "Count me")).statusCode()).isEqualTo(200);

        // Metrics are for admins (the bootstrap admin key here); health stays open to probes.
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        String metrics = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + KeysTestBase.ADMIN_KEY).GET().build()).body();

        assertThat(metrics)
                .containsPattern("creditgate_calls_total\\{[^}]*model=\"gpt-4o-mini\"[^}]*\\} [1-9]")
                .containsPattern("creditgate_tokens_total\\{model=\"gpt-4o-mini\",type=\"prompt\"\\} [1-9]")
                .containsPattern("creditgate_credits_total\\{model=\"gpt-4o-mini\"\\} [1-9]")
                .containsPattern("creditgate_admissions_total\\{decision=\"admitted\",model=\"gpt-4o-mini\"[^}]*\\} [1-9]")
                .containsPattern("creditgate_upstream_latency_seconds_count\\{[^}]*model=\"gpt-4o-mini\"[^}]*\\} [1-9]")
                // A histogram, with buckets below a millisecond, of what the gateway adds to a call.
                .contains("creditgate_added_latency_seconds_bucket{stream=\"false\",le=\"3.0E-4\"}")
                .containsPattern("creditgate_added_latency_seconds_count\\{stream=\"false\"\\} [1-9]")
                .contains("creditgate_spool_depth 0.0")
                .contains("creditgate_reservations_outstanding ")
                .contains("creditgate_reservations_held ")
                .contains("creditgate_streams_open ");
    }

    @Test
    void healthShowsAStrangerItsStatusOnlyAndAnAdminItsComponents() {
        HttpResponse<String> anonymous = get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json(anonymous.body()).at("/status").asString()).isEqualTo("UP");
        assertThat(json(anonymous.body()).has("components")).as(anonymous.body()).isFalse();
        assertThat(json(get("/actuator/health/readiness").body()).has("components")).isFalse();
        HttpResponse<String> asUser = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .header("Authorization", "Bearer " + Console.user("health-" + System.nanoTime())).GET().build());
        assertThat(json(asUser.body()).has("components")).as("a user's token shows no details").isFalse();
        assertThat(json(getAsAdmin("/actuator/health").body()).has("components")).isTrue();
    }

    @Test
    void healthShowsRedisKafkaAndTheFailureModeAndEveryProbeIsUp() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> health = getAsAdmin("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode components = json(health.body()).get("components");
            assertThat(components.at("/redis/status").asString()).isEqualTo("UP");
            assertThat(components.at("/kafka/status").asString()).isEqualTo("UP");
            assertThat(components.at("/kafka/details/spooledEvents").asInt()).isZero();
            assertThat(components.at("/controlPlane/details/failureMode").asString()).isEqualTo("open");
            assertThat(components.at("/controlPlane/details/effect").asString())
                    .isEqualTo("serving with credit checks; usage goes to Kafka");
        });
        assertThat(json(get("/actuator/health/liveness").body()).at("/status").asString()).isEqualTo("UP");
        JsonNode readiness = json(getAsAdmin("/actuator/health/readiness").body());
        assertThat(readiness.at("/status").asString()).isEqualTo("UP");
        assertThat(readiness.at("/components/controlPlane/details/redis").asString()).isEqualTo("UP");
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    private HttpResponse<String> getAsAdmin(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + KeysTestBase.ADMIN_KEY).GET().build());
    }
}
