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

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import io.creditgate.gateway.admission.UserKeys;
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
    static final String ANTHROPIC_UPSTREAM_KEY = "sk-ant-upstream-test-key";
    /**
     * A reasoning rate for gpt-5-mini that differs from its output rate (providers bill reasoning as output),
     * so that tests prove reasoning tokens are priced at their own rate.
     */
    static final String GPT5_MINI_REASONING_RATE = "2.50";
    /** Priced here but unknown to the demo upstream: its calls reach the upstream and come back 404. */
    static final String UNSERVED_MODEL = "gpt-unserved";
    static final int REQUEST_BODY_LIMIT_BYTES = 64 * 1024;
    static final long STARTING_CREDITS = 1_000_000;
    static final String SPOOL_DIRECTORY = OutageTestSupport.temporaryDirectory("gateway-test-spool");

    /** A stream slow enough (15 ms a word, about 70 words) that a client can leave in the middle of it. */
    static final DemoUpstream DEMO = DemoUpstream.start(
            DemoUpstream.Options.defaults().withEventDelay(Duration.ofMillis(15)).withAnswerWords(100));
    static final RecordingUpstream UPSTREAM = new RecordingUpstream(DEMO.baseUrl());
    static final UsageEventsProbe EVENTS = new UsageEventsProbe(LocalKafka.shared().bootstrapServers());
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** One registry for every test class: loading an encoding takes about a second. */
    static final EncodingRegistry TOKENIZERS = Encodings.newLazyEncodingRegistry();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** No call in these tests takes seconds; a hung one fails the test instead of the whole build. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The test's own copy of the price table (input, cache read, cache write, output, reasoning), to check the
     * gateway's arithmetic independently.
     */
    static final Map<String, BigDecimal[]> PRICES = Map.of(
            "gpt-4o-mini", prices("0.15", "0.075", "0.15", "0.60", "0.60"),
            "gpt-4o", prices("2.50", "1.25", "2.50", "10.00", "10.00"),
            "gpt-4.1-mini", prices("0.40", "0.10", "0.40", "1.60", "1.60"),
            "gpt-5-mini", prices("0.25", "0.025", "0.25", "2.00", GPT5_MINI_REASONING_RATE),
            "text-embedding-3-small", prices("0.02", "0.02", "0.02", "0", "0"),
            "text-embedding-3-large", prices("0.13", "0.13", "0.13", "0", "0"),
            "claude-sonnet-4-5", prices("3.00", "0.30", "3.75", "15.00", "15.00"),
            "claude-haiku-4-5", prices("1.00", "0.10", "1.25", "5.00", "5.00"));

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    /**
     * Marks Redis as holding every account, as the ledger does once it has written them (ledger
     * {@code ProjectionGuard}); without it the gateway takes a missing account for a lost one, not a new user's.
     */
    @BeforeEach
    void ledgerProjectedRedis() {
        // Redis may have just been restarted by the test before: wait for the connection to come back.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                redis.opsForValue().set(UserKeys.PROJECTION_MARKER, UserKeys.PROJECTION_COMPLETE));
    }

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> LocalKafka.shared().bootstrapServers());
        registry.add("spring.data.redis.url", () -> LocalRedis.shared().url());
        // Builds share this 2-core machine: a Redis stall past the production 500 ms would make failure-mode
        // open admit calls unchecked in the middle of a test that counts credits.
        registry.add("spring.data.redis.timeout", () -> "2s");
        registry.add("creditgate.upstream.url", UPSTREAM::baseUrl);
        registry.add("creditgate.upstream.api-key", () -> UPSTREAM_KEY);
        registry.add("creditgate.upstream.anthropic-api-key", () -> ANTHROPIC_UPSTREAM_KEY);
        // gpt-5-mini's catalogue price with a reasoning rate of its own: a configured price, whole (it replaces the
        // catalogue's entry rather than amending it).
        registry.add("creditgate.prices.gpt-5-mini.input", () -> "0.25");
        registry.add("creditgate.prices.gpt-5-mini.cached-input", () -> "0.025");
        registry.add("creditgate.prices.gpt-5-mini.output", () -> "2.00");
        registry.add("creditgate.prices.gpt-5-mini.reasoning", () -> GPT5_MINI_REASONING_RATE);
        registry.add("creditgate.identity.service-key", () -> SERVICE_KEY);
        registry.add("creditgate.starting-credits", () -> STARTING_CREDITS);
        // A spool directory of this context's own, not ./spool in the module.
        registry.add("creditgate.spool.directory", () -> SPOOL_DIRECTORY);
        registry.add("creditgate.limits.request-body-bytes", () -> REQUEST_BODY_LIMIT_BYTES);
        registry.add("creditgate.admission.buy-credits-url", () -> "https://credits.example/buy");
        registry.add("creditgate.prices." + UNSERVED_MODEL + ".input", () -> "1");
        registry.add("creditgate.prices." + UNSERVED_MODEL + ".output", () -> "2");
        KeysTestBase.keysProperties(registry);
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
        return post("/v1/chat/completions", headers, body);
    }

    /** A call of {@code path} (e.g. "/v1/responses") for the user, with the service key. */
    HttpResponse<String> post(String path, String user, String body) {
        return post(path, Map.of("Authorization", "Bearer " + SERVICE_KEY, "X-User-Id", user), body);
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(withTimeout(request), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // A call the gateway never answered: what every thread was doing is the one clue worth keeping.
            throw new IllegalStateException(request.method() + " " + request.uri() + " got no answer in " + CALL_TIMEOUT
                    + "; the test JVM's threads then:\n" + threadDump(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (java.lang.management.ThreadInfo thread : java.lang.management.ManagementFactory.getThreadMXBean()
                .dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState()).append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
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
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(15))
                .until(() -> EVENTS.of(user).size() >= count);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> EVENTS.of(user).size() == count);
        return EVENTS.of(user);
    }

    /**
     * The user's first event, as soon as it arrives: for calls made only to learn what the upstream bills
     * (the exactly-once check is the business of the calls a test is about).
     */
    static UsageRecorded firstEvent(String user) {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(15))
                .until(() -> !EVENTS.of(user).isEmpty());
        return EVENTS.of(user).get(0);
    }

    /** Tokens of a text in o200k_base (gpt-4o, gpt-4.1, gpt-5 families), counted by the test itself. */
    static long o200k(String text) {
        return TOKENIZERS.getEncoding(EncodingType.O200K_BASE).countTokensOrdinary(text);
    }

    /** Tokens of a text in cl100k_base (embeddings, Claude), counted by the test itself. */
    static long cl100k(String text) {
        return TOKENIZERS.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary(text);
    }

    /** The balance the ledger would have projected: {@code cg:{user}:account}. */
    void setBalance(String user, long credits) {
        redis.opsForHash().putAll("cg:{" + user + "}:account", Map.of("balance", Long.toString(credits), "version", "1"));
    }

    /**
     * An account the ledger projected with its cycle's fields (docs/architecture.md): {@code cycleCredits}, and
     * {@code spentCycleCredits} = what of them is gone (no cap, no carried-over credits).
     */
    void setAccount(String user, long balanceCredits, long cycleCredits) {
        redis.opsForHash().putAll("cg:{" + user + "}:account", Map.of("balance", Long.toString(balanceCredits),
                "cycleCredits", Long.toString(cycleCredits), "spentCycleCredits", Long.toString(cycleCredits - balanceCredits),
                "version", "1"));
    }

    /** The demo without its pause between streamed events, for tests that do not need slow streams. */
    static void fastDemo() {
        DEMO.reset();
        UPSTREAM.reset();
        DEMO.reconfigure(DEMO.options().withEventDelay(Duration.ZERO));
    }

    Map<Object, Object> pending(String user) {
        return redis.opsForHash().entries("cg:{" + user + "}:pending");
    }

    /** ceil(uncached x input + cached x cached-input + completion x output), with the test's own prices. */
    static long expectedCost(String model, long prompt, long cached, long completion) {
        return expectedCost(model, prompt, cached, 0, completion, 0);
    }

    /**
     * ceil(uncached x input + cache reads x cached-input + cache writes x cache-write + (completion - reasoning)
     * x output + reasoning x reasoning), with the test's own prices; {@code prompt} includes reads and writes.
     */
    static long expectedCost(String model, long prompt, long cacheRead, long cacheWrite, long completion, long reasoning) {
        BigDecimal[] price = PRICES.get(model);
        return price[0].multiply(BigDecimal.valueOf(prompt - cacheRead - cacheWrite))
                .add(price[1].multiply(BigDecimal.valueOf(cacheRead)))
                .add(price[2].multiply(BigDecimal.valueOf(cacheWrite)))
                .add(price[3].multiply(BigDecimal.valueOf(completion - reasoning)))
                .add(price[4].multiply(BigDecimal.valueOf(reasoning)))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal inputPrice(String model) {
        return PRICES.get(model)[0];
    }

    static BigDecimal outputPrice(String model) {
        return PRICES.get(model)[3];
    }

    /** The cost the event says, checked against its own token counts with the test's prices. */
    static void assertPricedExactly(UsageRecorded event) {
        org.assertj.core.api.Assertions.assertThat(event.getCostCredits()).as("cost of %s", event).isEqualTo(
                expectedCost(event.getModel(), event.getPromptTokens(), event.getCachedPromptTokens(), 0,
                        event.getCompletionTokens(), event.getReasoningTokens()));
    }

    /** The one answer the upstream sent since the last reset, byte for byte. */
    static byte[] onlyUpstreamAnswer() {
        await().atMost(Duration.ofSeconds(5)).until(() -> UPSTREAM.answers().size() == 1);
        return UPSTREAM.answers().get(0);
    }

    /** Server-sent events (each with its lines, without the blank line that ends it), in order. */
    static List<String> events(String stream) {
        return List.of(stream.split("\n\n")).stream().filter(e -> !e.isBlank()).toList();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonNode json(byte[] bytes) {
        return JSON.readTree(bytes);
    }

    private static BigDecimal[] prices(String input, String cached, String cacheWrite, String output, String reasoning) {
        return new BigDecimal[] {new BigDecimal(input), new BigDecimal(cached), new BigDecimal(cacheWrite),
                new BigDecimal(output), new BigDecimal(reasoning)};
    }
}
