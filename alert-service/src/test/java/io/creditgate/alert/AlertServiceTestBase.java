package io.creditgate.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.schemas.Topic;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountStatus;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import io.creditgate.web.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of the suite, on real Kafka and PostgreSQL from platform-embedded, a real SMTP server in
 * the JVM (GreenMail) and a real HTTP server receiving webhooks. Tests isolate themselves with fresh user ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AlertServiceTestBase {

    /** The bootstrap admin key: the helpers below call as it (admin and finance). */
    protected static final String API_KEY = "test-key-" + UUID.randomUUID();
    protected static final String ADMIN_EMAIL = "ops@creditgate.test";
    protected static final String FINANCE_EMAIL = "finance@creditgate.test";
    protected static final String BUY_URL = "https://creditgate.test/buy";
    protected static final Duration WAIT = Duration.ofSeconds(60);
    /** Access tokens from an in-process issuer the service trusts (started once per JVM). */
    protected static final TestTokens TOKENS = TestTokens.shared();

    /** Created once per JVM, so every subclass sees the same servers and Spring reuses one context. */
    private static final String DATABASE_URL = LocalPostgres.shared().createDatabase();
    protected static final GreenMail SMTP = startSmtp();
    protected static final WebhookReceiver WEBHOOKS = WebhookReceiver.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
        return mail;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> LocalPostgres.shared().username());
        registry.add("spring.datasource.password", () -> LocalPostgres.shared().password());
        registry.add("spring.kafka.bootstrap-servers", () -> LocalKafka.shared().bootstrapServers());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("creditgate.admin-key", () -> API_KEY);
        TestTokens.register(registry);
        String run = UUID.randomUUID().toString();
        registry.add("creditgate.alerts.detection.application-id", () -> "alerts-test-" + run);
        registry.add("creditgate.alerts.detection.state-dir", Files.createTempDirectory("alert-state-")::toString);
        registry.add("creditgate.alerts.delivery.group", () -> "alert-delivery-" + run);
        registry.add("creditgate.alerts.delivery.contacts-group", () -> "alert-contacts-" + run);
        registry.add("creditgate.alerts.delivery.admin-emails", () -> ADMIN_EMAIL);
        registry.add("creditgate.alerts.delivery.finance-emails", () -> FINANCE_EMAIL + "," + ADMIN_EMAIL);
        registry.add("creditgate.alerts.delivery.buy-credits-url", () -> BUY_URL);
        registry.add("creditgate.alerts.delivery.webhook.allow-http", () -> "true");
        registry.add("creditgate.alerts.delivery.initial-backoff", () -> "100ms");
        registry.add("creditgate.alerts.delivery.max-attempts", () -> "4");
        registry.add("creditgate.alerts.delivery.stale-sending-after", () -> "10s");
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MeterRegistry meters;

    protected static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    protected static String emailOf(String userId) {
        return userId + "@example.com";
    }

    // --- Kafka ---

    protected static void publish(Topic topic, String key, SpecificRecord... events) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), topic.keys().serializer(), topic.values().serializer())) {
            for (SpecificRecord event : events) {
                producer.send(new ProducerRecord<>(topic.name(), key, event)).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    protected static UsageRecorded usage(String userId, String email, long costCredits) {
        String eventId = UUID.randomUUID().toString();
        return UsageRecorded.newBuilder().setEventId(eventId).setOccurredAt(now()).setUserId(userId).setUserEmail(email)
                .setModel("gpt-4o-mini").setPromptTokens(1_000).setCompletionTokens(200).setCostCredits(costCredits)
                .setUsageSource(UsageSource.EXACT).setStream(false).setOutcome(CallOutcome.COMPLETED)
                .setRequestId("req-" + eventId).setLatencyMs(300).build();
    }

    /** The ledger's account state after its {@code version}-th change. */
    protected static AccountBalanceChanged balance(String userId, long version, Instant cycleStartedAt, long spent,
                                                   long cycleCredits, String changeType) {
        long balance = cycleCredits - spent;
        return AccountBalanceChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setUserId(userId).setCauseEventId(UUID.randomUUID().toString()).setVersion(version)
                .setBalanceCredits(balance).setCycleCredits(cycleCredits).setSpentCycleCredits(spent)
                .setStatus(balance > 0 ? AccountStatus.ACTIVE : AccountStatus.EXHAUSTED).setChangeType(changeType)
                .setUtilisationBasisPoints(cycleCredits > 0 ? spent * 10_000 / cycleCredits : 10_000)
                .setCycleStartedAt(cycleStartedAt).setCycleEndsAt(cycleStartedAt.plus(Duration.ofDays(30))).setPlanId("pro")
                .build();
    }

    /** A crossing as the topology writes it. */
    protected static ThresholdCrossed crossing(String userId, long thresholdBasisPoints, long spent, long cycleCredits) {
        Instant at = now();
        return ThresholdCrossed.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setUserId(userId)
                .setThresholdKind("UTILISATION").setThresholdValue(thresholdBasisPoints)
                .setCycleStartedAt(at.minus(Duration.ofDays(10))).setCycleEndsAt(at.plus(Duration.ofDays(20)))
                .setUtilisationBasisPoints(spent * 10_000 / cycleCredits).setBalanceCredits(cycleCredits - spent)
                .setCycleCredits(cycleCredits).setSpentCycleCredits(spent).setCauseEventId(UUID.randomUUID().toString())
                .setAccountVersion(7).setMostSevere(true).setForecastCreditsPerDay(spent / 10)
                .setForecastDepletionAt(spent == 0 ? Instant.EPOCH : at.plus(Duration.ofDays(10).multipliedBy(cycleCredits - spent)
                        .dividedBy(spent)))
                .build();
    }

    // --- mail ---

    protected static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The body, with the no-break spaces of localized money (US$\u00a00,80) as plain spaces. */
    protected static String text(MimeMessage message) {
        try {
            return message.getContent().toString().replace('\u00a0', ' ');
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- HTTP ---

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + API_KEY).GET());
    }

    protected Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    protected Response putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A call with {@code bearer} (a token or the admin key); null sends no credential. */
    protected Response as(String bearer, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    protected Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
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

    protected void setPreferences(String userId, String json) {
        Response response = putJson("/api/users/" + userId + "/preferences", json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** An HTTP answer with its body parsed as JSON on demand. */
    protected record Response(int status, String body) {

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

    // --- database ---

    protected List<Map<String, Object>> deliveriesOf(String userId) {
        return jdbc.queryForList("SELECT * FROM delivery WHERE user_id = ? ORDER BY created_at, idempotency_key", userId);
    }

    protected List<String> attemptStatuses(String idempotencyKey) {
        return jdbc.queryForList("SELECT status FROM delivery_attempt WHERE idempotency_key = ? ORDER BY id", String.class,
                idempotencyKey);
    }

    protected long notificationCount(String userId) {
        return jdbc.queryForObject("SELECT count(*) FROM notification WHERE user_id = ?", Long.class, userId);
    }

    protected double counter(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
