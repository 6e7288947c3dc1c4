package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalRedis;
import tools.jackson.databind.JsonNode;

/**
 * A gateway whose PostgreSQL is unreachable from the start: it starts, serves service-key calls as always and
 * stays healthy (PostgreSQL is off every call's path); the key API and keys Redis cannot vouch for answer 503.
 */
class KeyStoreOutageTest extends OutageTestSupport {

    static final LocalRedis REDIS = LocalRedis.start();
    static final DemoUpstream DEMO = DemoUpstream.start();
    static final UsageEventsProbe EVENTS = new UsageEventsProbe(LocalKafka.shared().bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        gatewayProperties(registry, DEMO.baseUrl(), REDIS.url(), LocalKafka.shared().bootstrapServers(),
                temporaryDirectory("key-store-outage-spool"));
        // Nothing listens on port 1.
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:1/creditgate_gateway");
        registry.add("creditgate.keys.store-retry-interval", () -> "200ms");
    }

    @Test
    void serviceKeyCallsAreServedAndTheGatewayStaysHealthy() {
        String user = newUser();

        HttpResponse<String> response = post(user, chatBody("Hello without PostgreSQL"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(awaitEvents(EVENTS, user, 1)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> health = getAsAdmin("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode keyStore = JSON.readTree(health.body()).at("/components/keyStore");
            assertThat(keyStore.at("/status").asString()).isEqualTo("UP");
            assertThat(keyStore.at("/details/postgres").asString()).isEqualTo("DOWN");
        });
    }

    @Test
    void keyApiAndKeysRedisCannotVouchForAnswer503() {
        HttpResponse<String> create = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/keys"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + newUser() + "\"}")).build());
        // Redis was never given the keys (no projection marker): only PostgreSQL could say whether this key exists.
        HttpResponse<String> call = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer sk-cg-" + "z".repeat(43)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("Who am I?"))).build());

        assertThat(create.statusCode()).as(create.body()).isEqualTo(503);
        assertThat(JSON.readTree(create.body()).at("/error/code").asString()).isEqualTo("key_store_unavailable");
        assertThat(call.statusCode()).as(call.body()).isEqualTo(503);
        assertThat(JSON.readTree(call.body()).at("/error/code").asString()).isEqualTo("key_store_unavailable");
        assertThat(DEMO.requestCount()).isZero();
    }
}
