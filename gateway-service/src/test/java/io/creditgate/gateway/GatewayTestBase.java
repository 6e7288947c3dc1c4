package io.creditgate.gateway;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalRedis;
import io.creditgate.schemas.event.UsageRecorded;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One gateway on real parts, shared by every end-to-end test class (same configuration, so Spring reuses
 * the context): the embedded Kafka and Redis, and the demo upstream behind a recording pass-through.
 * Each test uses fresh user ids, so tests never see each other's credits or events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestBase {

    static final String SERVICE_KEY = "test-service-key-0123456789";
    static final String UPSTREAM_KEY = "sk-upstream-test-key";
    /** Priced here but unknown to the demo upstream: its calls reach the upstream and come back 404. */
    static final String UNSERVED_MODEL = "gpt-unserved";
    static final int REQUEST_BODY_LIMIT_BYTES = 64 * 1024;
    static final long STARTING_CREDITS = 1_000_000;

    /** A stream slow enough (15 ms a word, about 70 words) that a client can leave in the middle of it. */
    static final DemoUpstream DEMO = DemoUpstream.start(
            DemoUpstream.Options.defaults().withEventDelay(Duration.ofMillis(15)).withAnswerWords(100));
    static final RecordingUpstream UPSTREAM = new RecordingUpstream(DEMO.baseUrl());
    static final UsageEventsProbe EVENTS = new UsageEventsProbe(LocalKafka.shared().bootstrapServers());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** No call in these tests takes seconds; a hung one fails the test instead of the whole build. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** The test's own copy of the default price table, to check the gateway's arithmetic independently. */
    static final Map<String, BigDecimal[]> PRICES = Map.of(
            "gpt-4o-mini", prices("0.15", "0.075", "0.60"),
            "gpt-4o", prices("2.50", "1.25", "10.00"),
            "gpt-4.1-mini", prices("0.40", "0.10", "1.60"),
            "gpt-5-mini", prices("0.25", "0.025", "2.00"));

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> LocalKafka.shared().bootstrapServers());
        registry.add("spring.data.redis.url", () -> LocalRedis.shared().url());
        registry.add("creditgate.upstream.url", UPSTREAM::baseUrl);
        registry.add("creditgate.upstream.api-key", () -> UPSTREAM_KEY);
        registry.add("creditgate.identity.service-key", () -> SERVICE_KEY);
        registry.add("creditgate.starting-credits", () -> STARTING_CREDITS);
        registry.add("creditgate.limits.request-body-bytes", () -> REQUEST_BODY_LIMIT_BYTES);
        registry.add("creditgate.admission.buy-credits-url", () -> "https://credits.example/buy");
        registry.add("creditgate.prices." + UNSERVED_MODEL + ".input", () -> "1");
        registry.add("creditgate.prices." + UNSERVED_MODEL + ".output", () -> "2");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    static String chatBody(String model, String userText) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }

    HttpResponse<String> post(String user, String body) {
        return post(Map.of("Authorization", "Bearer " + SERVICE_KEY, "X-User-Id", user), body);
    }

    HttpResponse<String> post(Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(withTimeout(request), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest withTimeout(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true).timeout(CALL_TIMEOUT).build();
    }

    OpenAIClient openAi(String user) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl() + "/v1")
                .apiKey(SERVICE_KEY)
                .putHeader("X-User-Id", user)
                .maxRetries(0)
                .timeout(CALL_TIMEOUT)
                .build();
    }

    /** Waits for exactly {@code count} events of the user, then a moment longer to catch any extra one. */
    static List<UsageRecorded> awaitEvents(String user, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> EVENTS.of(user).size() >= count);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> EVENTS.of(user).size() == count);
        return EVENTS.of(user);
    }

    /** The balance the ledger would have projected: {@code cg:{user}:account}. */
    void setBalance(String user, long credits) {
        redis.opsForHash().putAll("cg:{" + user + "}:account", Map.of("balance", Long.toString(credits), "version", "1"));
    }

    Map<Object, Object> pending(String user) {
        return redis.opsForHash().entries("cg:{" + user + "}:pending");
    }

    /** ceil(uncached x input + cached x cached-input + completion x output), with the test's own prices. */
    static long expectedCost(String model, long prompt, long cached, long completion) {
        BigDecimal[] price = PRICES.get(model);
        return price[0].multiply(BigDecimal.valueOf(prompt - cached))
                .add(price[1].multiply(BigDecimal.valueOf(cached)))
                .add(price[2].multiply(BigDecimal.valueOf(completion)))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonNode json(byte[] bytes) {
        return JSON.readTree(bytes);
    }

    private static BigDecimal[] prices(String input, String cached, String output) {
        return new BigDecimal[] {new BigDecimal(input), new BigDecimal(cached), new BigDecimal(output)};
    }
}
