package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform as a newcomer runs it (embedded Kafka, PostgreSQL, Redis, the demo upstream,
 * every service in its own JVM), driven by the official OpenAI Java SDK through the gateway.
 */
@ExtendWith(TestPlatform.class)
class PlatformEndToEndTest {

    static final long STARTING_CREDITS = TestPlatform.STARTING_CREDITS;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Platform platform;

    @BeforeAll
    static void usePlatform() {
        platform = TestPlatform.platform();
    }

    @Test
    void everyServiceIsHealthy() throws Exception {
        for (String url : List.of(platform.gatewayUrl(), platform.ledgerUrl(), platform.alertUrl(), platform.paymentUrl(),
                platform.consoleLocalUrl())) {
            HttpResponse<String> health = get(url + "/actuator/health");
            assertThat(health.statusCode()).as(url).isEqualTo(200);
        }
    }

    @Test
    void tellsAServiceRunByHandWhereTheInfrastructureIs() {
        assertThat(platform.serviceEnvironment())
                .contains("export SPRING_KAFKA_BOOTSTRAP_SERVERS=" + platform.kafka().bootstrapServers() + "\n")
                .contains("export SPRING_DATA_REDIS_URL=" + platform.redis().url() + "\n")
                .contains("export CREDITGATE_UPSTREAM_URL=" + platform.demo().baseUrl() + "\n");
    }

    @Test
    void aNonStreamingCallIsChargedItsExactPrice() {
        ChatCompletion completion = client("alice").chat().completions().create(question("gpt-4o-mini"));
        assertThat(completion.choices().get(0).message().content().orElseThrow()).startsWith("You said: \"How much");
        CompletionUsage usage = completion.usage().orElseThrow();
        long cost = price(usage.promptTokens(), "0.15", usage.completionTokens(), "0.60");
        awaitBalance("alice", STARTING_CREDITS - cost);
    }

    @Test
    void aStreamingCallIsChargedItsExactPrice() {
        ChatCompletionCreateParams params = question("gpt-4o-mini").toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        StringBuilder text = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client("bob").chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(usages::add);
            });
        }
        assertThat(text.toString()).startsWith("You said: \"How much");
        assertThat(usages).hasSize(1);
        long cost = price(usages.get(0).promptTokens(), "0.15", usages.get(0).completionTokens(), "0.60");
        awaitBalance("bob", STARTING_CREDITS - cost);
    }

    /** Finance's audit on the running platform: the journal topic, folded from offset 0, explains every balance. */
    @Test
    void theAuditReplayOfTheJournalTopicAgreesWithTheLedger() throws Exception {
        ChatCompletion completion = client("dave").chat().completions().create(question("gpt-4o-mini"));
        CompletionUsage usage = completion.usage().orElseThrow();
        awaitBalance("dave", STARTING_CREDITS - price(usage.promptTokens(), "0.15", usage.completionTokens(), "0.60"));

        HttpResponse<String> replay = HTTP.send(HttpRequest.newBuilder(URI.create(platform.ledgerUrl() + "/api/admin/replay"))
                .header("Authorization", "Bearer test-admin-key").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(replay.body());
        assertThat(report.path("source").asString()).isEqualTo("journal-topic");
        assertThat(report.path("ok").asBoolean()).as(replay.body()).isTrue();
        assertThat(report.path("events").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(report.path("events").asLong()).isEqualTo(report.path("storedEvents").asLong());
    }

    @Test
    void aUserWithoutCreditsIsRefusedUntilAnAdminGrantsMore() throws Exception {
        HttpResponse<String> refused = null;
        for (int call = 0; call < 40 && refused == null; call++) {
            HttpResponse<String> response = chat("carol", "gpt-4o");
            if (response.statusCode() == 402) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                // Let the ledger fold the charge so the next admission sees the lower balance.
                Thread.sleep(50);
            }
        }
        assertThat(refused).as("carol should run out of %d credits", STARTING_CREDITS).isNotNull();
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("credits_exhausted");
        assertThat(error.path("message").asString()).containsIgnoringCase("credits");
        int upstreamCalls = platform.demo().requestCount();
        assertThat(chat("carol", "gpt-4o").statusCode()).isEqualTo(402);
        assertThat(platform.demo().requestCount()).isEqualTo(upstreamCalls);

        grant("carol", 50_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(chat("carol", "gpt-4o").statusCode()).isEqualTo(200));
    }

    /**
     * Issue 5's end to end: usage past 80 % brings exactly one email and one in-app notification; past 100 % one
     * more of each, and the gateway refuses the next call; a grant brings utilisation back under 80 %
     * (ThresholdResolved, in the app) and the next call is served.
     */
    @Test
    void theUserIsToldOnceAtEightyAndOnceWhenCreditsAreUsedUpAndAGrantResolvesIt() throws Exception {
        String user = "erin";
        long spent = 0;
        while (spent * 100 < 80 * STARTING_CREDITS) {
            HttpResponse<String> served = chatAs(user, "erin@example.com");
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
            spent += Long.parseLong(served.headers().firstValue("X-Creditgate-Cost").orElseThrow());
        }
        awaitAlerts(user, 1);
        assertThat(subjects(user)).singleElement().asString().startsWith("Creditgate: you have used");

        HttpResponse<String> refused = null;
        for (int call = 0; call < 40 && refused == null; call++) {
            HttpResponse<String> response = chatAs(user, "erin@example.com");
            if (response.statusCode() == 402) {
                refused = response;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }
        assertThat(refused).as("erin should run out of credits").isNotNull();
        awaitAlerts(user, 2);
        assertThat(subjects(user)).contains("Creditgate: your credits are used up");
        assertThat(chatAs(user, "erin@example.com").statusCode()).isEqualTo(402);

        grant(user, STARTING_CREDITS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notifications(user))
                .extracting(notification -> notification.path("kind").asString()).contains("THRESHOLD_RESOLVED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(chatAs(user, "erin@example.com").statusCode()).isEqualTo(200));
        // Resolving needs no action from the user: in the app only, no email.
        assertThat(emailsTo(user)).hasSize(2);
    }

    /** Waits for exactly {@code count} crossings (emails and in-app notifications), then checks none follow. */
    static void awaitAlerts(String user, int count) throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(emailsTo(user)).hasSize(count);
            assertThat(notifications(user)).filteredOn(n -> n.path("kind").asString().equals("THRESHOLD_CROSSED"))
                    .hasSize(count);
        });
        Thread.sleep(2_000);
        assertThat(emailsTo(user)).hasSize(count);
        assertThat(notifications(user)).filteredOn(n -> n.path("kind").asString().equals("THRESHOLD_CROSSED")).hasSize(count);
    }

    static List<Path> emailsTo(String user) throws Exception {
        try (var files = java.nio.file.Files.list(platform.mailbox())) {
            return files.filter(file -> file.getFileName().toString().endsWith("-" + user + "@example.com.eml")).sorted().toList();
        }
    }

    static List<String> subjects(String user) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (Path email : emailsTo(user)) {
            java.nio.file.Files.readAllLines(email).stream().filter(line -> line.startsWith("Subject: "))
                    .findFirst().ifPresent(line -> subjects.add(line.substring("Subject: ".length())));
        }
        return subjects;
    }

    static List<JsonNode> notifications(String user) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.alertUrl() + "/api/notifications?userId=" + user))
                .header("Authorization", "Bearer test-admin-key").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        JSON.readTree(response.body()).path("notifications").forEach(found::add);
        return found;
    }

    static void grant(String user, long credits) throws Exception {
        HttpResponse<String> grant = HTTP.send(HttpRequest.newBuilder(URI.create(platform.ledgerUrl() + "/api/admin/accounts/" + user + "/grants"))
                .header("Authorization", "Bearer test-admin-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amountCredits\":" + credits + ",\"reason\":\"end-to-end test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(201);
    }

    /** A gpt-4o chat of the user, with the email LibreChat would assert. */
    static HttpResponse<String> chatAs(String user, String email) throws Exception {
        return HTTP.send(chatRequest(user, "gpt-4o").header("X-User-Email", email).build(), HttpResponse.BodyHandlers.ofString());
    }

    static ChatCompletionCreateParams question(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("How much does this answer cost?").build();
    }

    static OpenAIClient client(String user) {
        return OpenAIOkHttpClient.builder().baseUrl(platform.gatewayUrl() + "/v1").apiKey("test-service-key")
                .putHeader("X-User-Id", user).maxRetries(0).build();
    }

    /** ceil(prompt × input price + completion × output price), prices in credits per token. */
    static long price(long promptTokens, String inputPrice, long completionTokens, String outputPrice) {
        return new BigDecimal(inputPrice).multiply(BigDecimal.valueOf(promptTokens))
                .add(new BigDecimal(outputPrice).multiply(BigDecimal.valueOf(completionTokens)))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static void awaitBalance(String user, long expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            // The ledger's reads need a credential since decision 40; the bootstrap admin key reads every account.
            HttpResponse<String> account = HTTP.send(HttpRequest.newBuilder(URI.create(platform.ledgerUrl() + "/api/accounts/" + user))
                    .header("Authorization", "Bearer test-admin-key").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
            assertThat(JSON.readTree(account.body()).path("balanceCredits").asLong()).isEqualTo(expected);
        });
    }

    static HttpResponse<String> chat(String user, String model) throws Exception {
        return HTTP.send(chatRequest(user, model).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder chatRequest(String user, String model) {
        return HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer test-service-key").header("X-User-Id", user)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me more.\"}]}"));
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
