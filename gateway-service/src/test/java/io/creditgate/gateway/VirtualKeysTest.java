package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import io.creditgate.gateway.keys.KeySpending;
import io.creditgate.gateway.keys.VirtualKeyFormat;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.schemas.event.UsageRecorded;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Personal virtual keys end to end: created once with their secret shown once, stored as a hash only, used by
 * the official OpenAI SDK, charged to their user, listed without secrets, revoked at once, refused past their
 * own budget, and found again after Redis lost them.
 */
class VirtualKeysTest extends KeysTestBase {

    @Autowired
    KeySpending spending;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @Test
    void createdKeyIsShownOnceAndStoredOnlyAsItsHash() throws SQLException {
        String user = newUser();

        JsonNode created = createKey(user, null);

        String key = created.get("key").asString();
        assertThat(key).startsWith("sk-cg-").hasSize(6 + 43).matches("sk-cg-[0-9A-Za-z]{43}");
        assertThat(created.get("prefix").asString()).isEqualTo(key.substring(0, 10));
        assertThat(created.get("userId").asString()).isEqualTo(user);
        assertThat(created.get("budgetCredits").isNull()).isTrue();
        String id = created.get("id").asString();
        try (Connection db = DriverManager.getConnection(databaseUrl(), LocalPostgres.shared().username(),
                LocalPostgres.shared().password());
             ResultSet row = db.createStatement().executeQuery("SELECT * FROM virtual_key WHERE id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("key_sha256")).isEqualTo(VirtualKeyFormat.sha256Hex(key));
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                String value = row.getString(column);
                assertThat(value == null || !value.contains(key.substring(6))).as(row.getMetaData().getColumnName(column)).isTrue();
            }
        }
        assertThat(redis.opsForHash().entries("cg:key:" + VirtualKeyFormat.sha256Hex(key)))
                .containsEntry("userId", user).containsEntry("id", id).doesNotContainKey("revokedAt");

        HttpResponse<String> listed = keyApi("GET", "/api/keys?userId=" + user, ADMIN_KEY, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key).contains(created.get("prefix").asString());
        JsonNode data = json(listed.body()).get("data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("id").asString()).isEqualTo(id);
        assertThat(data.get(0).get("createdAt").asString()).isEqualTo(created.get("createdAt").asString());
        assertThat(data.get(0).has("key")).isFalse();
    }

    @Test
    void openAiSdkWithAVirtualKeyIsChargedToTheKeysUserWhateverUserHeaderItSends() {
        String user = newUser();
        String other = newUser();
        String key = createKey(user, null).get("key").asString();
        double before = identified("virtual_key");
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(key)
                // Without the service key the user header names nobody: the key does.
                .putHeader("X-User-Id", other).maxRetries(0).timeout(CALL_TIMEOUT).build();

        ChatCompletion completion = sdk.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("Who pays for this?").build());

        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getPromptTokens()).isEqualTo(completion.usage().orElseThrow().promptTokens());
        assertThat(event.getCompletionTokens()).isEqualTo(completion.usage().orElseThrow().completionTokens());
        assertPricedExactly(event);
        assertThat(pending(user)).containsEntry(event.getEventId(), Long.toString(event.getCostCredits()));
        assertThat(EVENTS.of(other)).isEmpty();
        // The key is a gateway credential: never sent upstream.
        assertThat(DEMO.requests()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + UPSTREAM_KEY));
        assertThat(identified("virtual_key")).isEqualTo(before + 1);
    }

    @Test
    void virtualKeyWorksOnEveryApiIncludingAnthropicsXApiKeyAndTheModelList() {
        String user = newUser();
        String key = createKey(user, null).get("key").asString();

        HttpResponse<String> messages = post("/v1/messages", Map.of("x-api-key", key, "anthropic-version", "2023-06-01"),
                "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        HttpResponse<String> models = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/v1/models"))
                .header("Authorization", "Bearer " + key).GET().build());

        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
        assertThat(awaitEvents(user, 1).get(0).getEndpoint()).isEqualTo("messages");
        assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
        assertThat(json(models.body()).get("data")).isNotEmpty();
    }

    @Test
    void revokedKeyIsRefusedAtOnceAndUnknownKeysAreToldApart() {
        String user = newUser();
        JsonNode created = createKey(user, null);
        String key = created.get("key").asString();
        assertThat(chatWith(key, "before").statusCode()).isEqualTo(200);
        double unknownBefore = failures("key_unknown");

        HttpResponse<String> revoked = keyApi("DELETE", "/api/keys/" + created.get("id").asString(), ADMIN_KEY, null);
        HttpResponse<String> after = chatWith(key, "after");
        HttpResponse<String> unknown = chatWith(VirtualKeyFormat.PREFIX + "x".repeat(43), "who?");

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked.body()).get("revokedAt").isNull()).isFalse();
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(errorCode(after)).isEqualTo("key_revoked");
        assertThat(json(after.body()).at("/error/type").asString()).isEqualTo("authentication_error");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(errorCode(unknown)).isEqualTo("key_unknown");
        assertThat(failures("key_unknown")).isEqualTo(unknownBefore + 1);
        assertThat(awaitEvents(user, 1)).hasSize(1);
        DEMO.reset();
        assertThat(chatWith(key, "again").statusCode()).isEqualTo(401);
        assertThat(DEMO.requestCount()).isZero();
        // The official SDK sees the same refusal as its UnauthorizedException.
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sdk.chat().completions().create(
                        ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("x").build()))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("revoked");
    }

    private static long cost(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("X-Creditgate-Cost").orElseThrow());
    }

    @Test
    void aCallMadeWithAKeySpendsItsCostFromTheKeysBudget() {
        String user = newUser();
        String key = createKey(user, 1_000_000L).get("key").asString();

        HttpResponse<String> first = chatWith(key, "what does this cost?");
        HttpResponse<String> second = chatWith(key, "and this?");

        long costs = cost(first) + cost(second);
        assertThat(costs).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.toString(costs).equals(
                redis.opsForHash().get("cg:key:" + VirtualKeyFormat.sha256Hex(key), "spent")));
    }

    @Test
    void keyPastItsBudgetIsRefusedWith402BeforeAnythingIsReservedOrForwarded() {
        String user = newUser();
        JsonNode created = createKey(user, 5_000L);
        String key = created.get("key").asString();
        String keyHash = VirtualKeyFormat.sha256Hex(key);
        spending.charged(keyHash, 3_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> "3000".equals(
                redis.opsForHash().get("cg:key:" + VirtualKeyFormat.sha256Hex(key), "spent")));
        HttpResponse<String> withinBudget = chatWith(key, "still within budget");
        assertThat(withinBudget.statusCode()).isEqualTo(200);
        long callCost = cost(withinBudget);
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.toString(3_000 + callCost).equals(
                redis.opsForHash().get("cg:key:" + VirtualKeyFormat.sha256Hex(key), "spent")));

        spending.charged(keyHash, 2_000 - callCost);
        await().atMost(Duration.ofSeconds(5)).until(() -> "5000".equals(
                redis.opsForHash().get("cg:key:" + VirtualKeyFormat.sha256Hex(key), "spent")));
        DEMO.reset();
        HttpResponse<String> refused = chatWith(key, "over budget");

        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(errorCode(refused)).isEqualTo("key_budget_exhausted");
        assertThat(json(refused.body()).at("/error/message").asString()).contains("5000 credits");
        assertThat(DEMO.requestCount()).isZero();
        assertThat(awaitEvents(user, 1)).hasSize(1);
        // Only the key is exhausted: the user's other credentials still work.
        assertThat(post(user, chatBody("gpt-4o-mini", "with the service key")).statusCode()).isEqualTo(200);
        JsonNode listed = json(keyApi("GET", "/api/keys?userId=" + user, ADMIN_KEY, null).body()).get("data").get(0);
        assertThat(listed.get("spentCredits").asLong()).isEqualTo(5_000);
        assertThat(listed.get("budgetCredits").asLong()).isEqualTo(5_000);
    }

    @Test
    void keysRedisLostAreFoundInPostgresAndProjectedBack() {
        String user = newUser();
        String key = createKey(user, 1_000_000L).get("key").asString();
        String hash = "cg:key:" + VirtualKeyFormat.sha256Hex(key);
        spending.charged(VirtualKeyFormat.sha256Hex(key), 700);
        await().atMost(Duration.ofSeconds(5)).until(() -> "700".equals(redis.opsForHash().get(hash, "spent")));
        // What a Redis restart without persistence does: every key gone, the projection marker too. The spend
        // Redis counted since the last projection is in PostgreSQL once a projection ran.
        awaitProjected(hash);
        redis.delete(List.of(hash, "cg:keys:projected"));

        HttpResponse<String> response = chatWith(key, "after the restart");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(awaitEvents(user, 1)).hasSize(1);
        // Projected back with the 700 it had spent, plus this call's cost.
        String spent = Long.toString(700 + cost(response));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redis.opsForHash().entries(hash))
                .containsEntry("userId", user).containsEntry("spent", spent));
        assertThat(redis.hasKey("cg:keys:projected")).isTrue();
    }

    @Test
    void keyApiRefusesMissingAndWrongCredentialsAndBadInput() {
        String user = newUser();

        assertThat(errorCode(keyApi("POST", "/api/keys", null, "{\"userId\":\"" + user + "\"}")))
                .isEqualTo("credentials_missing");
        // Chat credentials never manage keys: a leaked one must not be able to mint more.
        HttpResponse<String> serviceKey = keyApi("POST", "/api/keys", SERVICE_KEY, "{\"userId\":\"" + user + "\"}");
        assertThat(serviceKey.statusCode()).isEqualTo(401);
        assertThat(errorCode(serviceKey)).isEqualTo("token_invalid");
        String virtualKey = createKey(user, null).get("key").asString();
        assertThat(errorCode(keyApi("GET", "/api/keys?userId=" + user, virtualKey, null))).isEqualTo("token_invalid");
        assertThat(errorCode(keyApi("GET", "/api/keys?userId=" + user, userToken(user, "admin"), null))).isEqualTo("token_invalid");

        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"not json", "invalid_json"});
        bad.add(new String[] {"[1,2]", "invalid_json"});
        bad.add(new String[] {"{}", "user_missing"});
        bad.add(new String[] {"{\"userId\":\"{{LIBRECHAT_USER_ID}}\"}", "user_unresolved"});
        bad.add(new String[] {"{\"userId\":\"a{b\"}", "user_invalid"});
        bad.add(new String[] {"{\"userId\":\"jane doe\"}", "user_invalid"});
        bad.add(new String[] {"{\"userId\":\"" + "u".repeat(256) + "\"}", "user_too_long"});
        bad.add(new String[] {"{\"userId\":42}", "invalid_userId"});
        bad.add(new String[] {"{\"userId\":\"" + user + "\",\"budgetCredits\":0}", "invalid_budget"});
        bad.add(new String[] {"{\"userId\":\"" + user + "\",\"budgetCredits\":1.5}", "invalid_budget"});
        bad.add(new String[] {"{\"userId\":\"" + user + "\",\"name\":\"" + "n".repeat(201) + "\"}", "invalid_name"});
        for (String[] input : bad) {
            HttpResponse<String> refused = keyApi("POST", "/api/keys", ADMIN_KEY, input[0]);
            assertThat(refused.statusCode()).as(input[0]).isEqualTo(400);
            assertThat(errorCode(refused)).as(input[0]).isEqualTo(input[1]);
        }
        HttpResponse<String> missing = keyApi("DELETE", "/api/keys/no-such-key", ADMIN_KEY, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(errorCode(missing)).isEqualTo("key_not_found");
    }

    @Test
    void usersManageTheKeysOfTheirOwnAccountsWithTheirConsoleTokenAndOnlyThose() {
        String alice = newUser();
        String bob = newUser();
        String aliceToken = Console.user(alice);

        HttpResponse<String> own = keyApi("POST", "/api/keys", aliceToken, "{\"name\":\"laptop\",\"budgetCredits\":100000}");
        HttpResponse<String> forBob = keyApi("POST", "/api/keys", aliceToken, "{\"userId\":\"" + bob + "\"}");
        JsonNode bobsKey = createKey(bob, null);
        HttpResponse<String> listBob = keyApi("GET", "/api/keys?userId=" + bob, aliceToken, null);
        HttpResponse<String> revokeBob = keyApi("DELETE", "/api/keys/" + bobsKey.get("id").asString(), aliceToken, null);
        HttpResponse<String> listOwn = keyApi("GET", "/api/keys", aliceToken, null);
        HttpResponse<String> adminToken = keyApi("GET", "/api/keys?userId=" + bob, Console.admin(), null);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(json(own.body()).get("userId").asString()).isEqualTo(alice);
        assertThat(json(own.body()).get("name").asString()).isEqualTo("laptop");
        assertThat(forBob.statusCode()).isEqualTo(403);
        assertThat(errorCode(forBob)).isEqualTo("forbidden");
        assertThat(listBob.statusCode()).isEqualTo(403);
        assertThat(revokeBob.statusCode()).isEqualTo(404);
        assertThat(chatWith(bobsKey.get("key").asString(), "still mine").statusCode()).isEqualTo(200);
        assertThat(json(listOwn.body()).get("data")).hasSize(1);
        assertThat(adminToken.statusCode()).isEqualTo(200);
        assertThat(json(adminToken.body()).get("data")).hasSize(1);
        HttpResponse<String> revokeOwn = keyApi("DELETE", "/api/keys/" + json(own.body()).get("id").asString(), aliceToken, null);
        assertThat(revokeOwn.statusCode()).isEqualTo(200);
    }

    /** Waits until a projection run saved the key's spend in PostgreSQL (the marker is rewritten each run). */
    private void awaitProjected(String hash) {
        redis.delete("cg:keys:projected");
        // A lookup that misses asks for a run now; any key that is not there will do.
        chatWith(VirtualKeyFormat.PREFIX + "y".repeat(43), "ping");
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(redis.hasKey("cg:keys:projected")));
        assertThat(redis.opsForHash().get(hash, "spent")).isEqualTo("700");
    }

    private double identified(String kind) {
        var counter = meters.find("creditgate.identity.calls").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private double failures(String reason) {
        var counter = meters.find("creditgate.identity.failures").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
