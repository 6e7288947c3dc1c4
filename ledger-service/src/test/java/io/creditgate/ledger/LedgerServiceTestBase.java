package io.creditgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.creditgate.ledger.reconciliation.FakeOpenAiUsage;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.platform.embedded.LocalRedis;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import io.creditgate.web.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of the suite, on real PostgreSQL (a fresh database), Kafka and Redis from
 * platform-embedded. Every subclass shares the cached context; tests isolate themselves with fresh user ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LedgerServiceTestBase {

    protected static final String ADMIN_KEY = "test-admin-key-" + UUID.randomUUID();
    protected static final long STARTING_CREDITS = 1_000_000;
    protected static final Duration WAIT = Duration.ofSeconds(30);
    /** Access tokens from an in-process issuer the ledger trusts (started once per JVM). */
    protected static final TestTokens TOKENS = TestTokens.shared();

    /** Created once per JVM, so every subclass sees the same database and Spring reuses one context. */
    private static final String DATABASE_URL = LocalPostgres.shared().createDatabase();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> LocalPostgres.shared().username());
        registry.add("spring.datasource.password", () -> LocalPostgres.shared().password());
        registry.add("spring.kafka.bootstrap-servers", () -> LocalKafka.shared().bootstrapServers());
        registry.add("spring.data.redis.url", () -> LocalRedis.shared().url());
        registry.add("creditgate.admin-key", () -> ADMIN_KEY);
        TestTokens.register(registry);
        registry.add("creditgate.starting-credits", () -> Long.toString(STARTING_CREDITS));
        // Tests that write generated journals (months old) must not race a scheduled renewal of those accounts; the
        // renewal tests call the scheduler's run themselves.
        registry.add("creditgate.plans.renewal.enabled", () -> "false");
        // The provider's side of the reconciliation: a local server speaking OpenAI's usage API.
        registry.add("creditgate.reconciliation.source", () -> "openai");
        registry.add("creditgate.reconciliation.url", () -> FakeOpenAiUsage.shared().baseUrl());
        registry.add("creditgate.reconciliation.api-key", () -> "sk-admin-reconciliation-test");
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected StringRedisTemplate redis;
    @Autowired
    protected MeterRegistry meters;

    protected static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    // --- Kafka ---

    protected static UsageRecorded usage(String userId, String eventId, long costCredits) {
        return UsageRecorded.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setUserId(userId)
                .setModel("gpt-4o-mini")
                .setPromptTokens(1_200)
                .setCachedPromptTokens(200)
                .setCompletionTokens(300)
                .setReasoningTokens(0)
                .setCostCredits(costCredits)
                .setUsageSource(UsageSource.EXACT)
                .setStream(true)
                .setOutcome(CallOutcome.COMPLETED)
                .setRequestId("req-" + eventId)
                .setLatencyMs(420)
                .build();
    }

    protected static void publishUsage(UsageRecorded... events) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig(),
                Topics.USAGE_EVENTS.keys().serializer(), Topics.USAGE_EVENTS.values().serializer())) {
            for (UsageRecorded event : events) {
                producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), event.getUserId(), event)).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes purchases and refunds on the payment topic, keyed by their user, and waits for the acks. */
    protected static void publishPayments(SpecificRecord... events) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig(),
                Topics.PAYMENT_EVENTS.keys().serializer(), Topics.PAYMENT_EVENTS.values().serializer())) {
            for (SpecificRecord event : events) {
                String userId = event.get(event.getSchema().getField("userId").pos()).toString();
                producer.send(new ProducerRecord<>(Topics.PAYMENT_EVENTS.name(), userId, event)).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static CreditsPurchased purchase(String userId, String purchaseId, long amountCredits) {
        return CreditsPurchased.newBuilder().setEventId("evt_" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(userId).setPurchaseId(purchaseId)
                .setAmountCredits(amountCredits).setPaidAmountMinor(amountCredits / 10_000).build();
    }

    protected static CreditsRefunded refund(String userId, String purchaseId, String refundId, long amountCredits) {
        return CreditsRefunded.newBuilder().setEventId("evt_" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(userId).setPurchaseId(purchaseId)
                .setRefundId(refundId).setAmountCredits(amountCredits).build();
    }

    protected static void publishRawUsage(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
    }

    /** Reads the account-events topic from the start until {@code count} records of the user arrived. */
    protected static List<SpecificRecord> accountEventsOf(String userId, int count) {
        return recordsOf(Topics.ACCOUNT_EVENTS, userId, count);
    }

    /** Reads {@code topic} from the start until {@code count} records of the user arrived; all of them, in order. */
    protected static List<SpecificRecord> recordsOf(io.creditgate.schemas.Topic topic, String userId, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<SpecificRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config,
                topic.keys().deserializer(), topic.values().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (userId.equals(record.key())) {
                        found.add(record.value());
                    }
                }
            }
        }
        assertThat(found).as(topic + " records of " + userId).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    // --- HTTP ---

    /** A read as the bootstrap admin key, which reads every account and report. */
    protected Response get(String path) {
        return getAs(path, ADMIN_KEY);
    }

    /** A read with {@code bearer} (a token or the admin key); null sends no credential. */
    protected Response getAs(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    protected Response postGrant(String userId, String json) {
        return postJson("/api/admin/accounts/" + userId + "/grants", json, "Bearer " + ADMIN_KEY);
    }

    protected Response postJson(String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    protected Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An HTTP answer with its body parsed as JSON (null when the body is not JSON). */
    protected record Response(int status, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** Asserts the error shape {@code {"error":{"message":..,"code":..}}} and returns the code. */
        public String errorCode() {
            JsonNode error = json().get("error");
            assertThat(error).as("error object in " + body).isNotNull();
            assertThat(error.get("message").asString()).as("error message").isNotBlank();
            assertThat(body).as("no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
            return error.get("code").asString();
        }
    }

    // --- state ---

    protected Map<Object, Object> redisAccount(String userId) {
        return redis.opsForHash().entries("cg:{" + userId + "}:account");
    }

    protected void awaitVersion(String userId, long expected) {
        await().atMost(WAIT).untilAsserted(() -> {
            Long version = jdbc.query("SELECT version FROM account WHERE user_id = ?",
                    rs -> rs.next() ? rs.getLong(1) : null, userId);
            assertThat(version).isEqualTo(expected);
        });
    }

    protected long balanceOf(String userId) {
        return jdbc.queryForObject("SELECT balance_credits FROM account WHERE user_id = ?", Long.class, userId);
    }

    protected void awaitBalance(String userId, long expected) {
        await().atMost(WAIT).untilAsserted(() -> {
            Long balance = jdbc.query("SELECT balance_credits FROM account WHERE user_id = ?",
                    rs -> rs.next() ? rs.getLong(1) : null, userId);
            assertThat(balance).isEqualTo(expected);
        });
    }

    protected double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
