package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.schemas.event.UsageRecorded;
import tools.jackson.databind.JsonNode;

/**
 * Prices are data (issue 13): an admin changes one through the API, the next call is charged at it on every
 * gateway, earlier calls keep what they were charged, and every change is in the append-only audit log. Each test
 * that changes a model's price resets it, since every end-to-end test shares this gateway.
 */
class PricesApiTest extends KeysTestBase {

    /** The model these tests re-price; no other test counts on its price staying put while they run. */
    static final String MODEL = "gpt-4.1-mini";

    @Test
    void aPriceChangedThroughTheApiAppliesToTheNextCallAndNeverToAnEarlierOne() {
        String user = newUser();
        assertThat(post(user, chatBody(MODEL, "before")).statusCode()).isEqualTo(200);
        UsageRecorded before = awaitEvents(user, 1).get(0);
        assertThat(before.getPricedModel()).isEqualTo(MODEL);
        assertThat(before.getPriceVersion()).startsWith("catalogue@");
        assertThat(before.getCostCredits()).isEqualTo(expectedCost(MODEL, before.getPromptTokens(),
                before.getCachedPromptTokens(), before.getCompletionTokens()));

        JsonNode change = changePrice(setBody(MODEL, "4", "1", "16", null, "OpenAI raised the price"));
        try {
            assertThat(change.path("version").asString()).isEqualTo("change-" + change.path("id").asLong());
            assertThat(change.path("actor").asString()).isEqualTo("p-admin@example.com");
            assertThat(post(user, chatBody(MODEL, "after")).statusCode()).isEqualTo(200);
            List<UsageRecorded> events = awaitEvents(user, 2);
            UsageRecorded after = events.get(1);
            assertThat(after.getPriceVersion()).isEqualTo(change.path("version").asString());
            assertThat(after.getCostCredits()).isEqualTo(cost(after, "4", "1", "16"));
            // The earlier call keeps its price: nothing re-prices history.
            assertThat(events.get(0)).isEqualTo(before);
        } finally {
            reset(MODEL);
        }
        assertThat(post(user, chatBody(MODEL, "reset")).statusCode()).isEqualTo(200);
        UsageRecorded reset = awaitEvents(user, 3).get(2);
        assertThat(reset.getPriceVersion()).isEqualTo(before.getPriceVersion());
    }

    @Test
    void aChangeMadeOnAnotherGatewayAppliesHereWithinASecond() {
        var otherGateway = JdbcClient.create(new DriverManagerDataSource(databaseUrl(), LocalPostgres.shared().username(),
                LocalPostgres.shared().password()));
        resolve(MODEL); // the schema exists once this gateway has answered
        long id = otherGateway.sql("INSERT INTO price_change (action, model, input, output, effective_at, actor, reason,"
                        + " recorded_at) VALUES ('SET', ?, 3, 12, now(), 'other-gateway-admin', 'test', now()) RETURNING id")
                .param(MODEL).query(Long.class).single();
        try {
            long start = System.nanoTime();
            await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5))
                    .until(() -> resolve(MODEL).path("version").asString().equals("change-" + id));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            String user = newUser();
            assertThat(post(user, chatBody(MODEL, "priced elsewhere")).statusCode()).isEqualTo(200);
            UsageRecorded event = awaitEvents(user, 1).get(0);
            assertThat(event.getPriceVersion()).isEqualTo("change-" + id);
            assertThat(event.getCostCredits()).isEqualTo(cost(event, "3", "3", "12"));
        } finally {
            reset(MODEL);
        }
    }

    @Test
    void aScheduledChangeWaitsForItsTime() {
        Instant at = Instant.now().plusSeconds(2);
        JsonNode change = changePrice(setBody(MODEL, "5", null, "20", at.toString(), "new price from tomorrow"));
        try {
            assertThat(resolve(MODEL).path("version").asString()).startsWith("catalogue@");
            await().atMost(Duration.ofSeconds(5)).until(() -> resolve(MODEL).path("version").asString()
                    .equals(change.path("version").asString()));
            assertThat(Instant.now()).isAfterOrEqualTo(at);
        } finally {
            reset(MODEL);
        }
    }

    @Test
    void providerPrefixesSnapshotsAndAliasesArePriced() {
        assertThat(resolve("openai/gpt-4o").path("pricedAs").asString()).isEqualTo("gpt-4o");
        assertThat(resolve("azure/gpt-4o-mini").path("pricedAs").asString()).isEqualTo("gpt-4o-mini");
        assertThat(resolve("gpt-4o-2024-08-06").path("pricedAs").asString()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(resolve("anthropic/claude-sonnet-4-5-20250929").path("price").path("input").decimalValue())
                .isEqualByComparingTo("3");
        String alias = "team-default-" + System.nanoTime();
        changePrice("{\"action\":\"ALIAS\",\"model\":\"" + alias + "\",\"aliasOf\":\"gpt-4o-mini\",\"reason\":\"ours\"}");
        assertThat(resolve(alias).path("pricedAs").asString()).isEqualTo("gpt-4o-mini");
        assertThat(json(admin("GET", "/api/prices", null).body()).path("aliases").path(alias).asString())
                .isEqualTo("gpt-4o-mini");
        changePrice("{\"action\":\"UNALIAS\",\"model\":\"" + alias + "\",\"reason\":\"gone\"}");
        HttpResponse<String> gone = admin("GET", "/api/prices/resolve?model=" + alias, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(errorCode(gone)).isEqualTo("model_not_found");
    }

    @Test
    void aSetCarriesTheLongContextTierOrHasNone() {
        String model = "tiered-" + System.nanoTime();
        changePrice("{\"action\":\"SET\",\"model\":\"" + model + "\",\"reason\":\"with a tier\",\"price\":{"
                + "\"input\":3,\"output\":15,\"longContext\":{\"aboveTokens\":200000,\"input\":6,\"output\":22.5}}}");
        JsonNode price = resolve(model).path("price");
        assertThat(price.at("/longContext/aboveTokens").asLong()).isEqualTo(200_000);
        assertThat(price.at("/longContext/output").decimalValue()).isEqualByComparingTo("22.5");
        assertThat(history(model).at("/items/0/price/longContext/input").decimalValue()).isEqualByComparingTo("6");
        // The catalogue's gpt-5.4 is dearer above 272k tokens of prompt (LiteLLM's *_above_272k_tokens).
        assertThat(resolve("gpt-5.4").at("/price/longContext/aboveTokens").asLong()).isEqualTo(272_000);
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1,"
                + "\"longContext\":{\"input\":2}}}", 400, "price_longContext_aboveTokens_missing");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1,"
                + "\"longContext\":{\"aboveTokens\":10,\"input\":-2}}}", 400, "invalid_price_longContext_input");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1,"
                + "\"longContext\":{\"aboveTokens\":10,\"input\":2,\"speed\":1}}}", 400, "unknown_field");
    }

    @Test
    void callsWithLiteLlmPrefixesAndDatedSnapshotsAreChargedAsTheirModel() {
        String user = newUser();
        for (String model : List.of("openai/gpt-4o-mini", "gpt-4o-mini-2024-07-18", "anthropic/claude-haiku-4-5")) {
            HttpResponse<String> response = post(user, chatBody(model, "prefixed"));
            assertThat(response.statusCode()).as(model + ": " + response.body()).isEqualTo(200);
        }
        List<UsageRecorded> events = awaitEvents(user, 3);
        assertThat(events).extracting(UsageRecorded::getPricedModel)
                .containsExactly("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "claude-haiku-4-5");
        assertThat(events).allSatisfy(event -> assertThat(event.getPriceVersion()).startsWith("catalogue@"));
        UsageRecorded prefixed = events.get(0);
        assertThat(prefixed.getModel()).isEqualTo("openai/gpt-4o-mini");
        assertThat(prefixed.getCostCredits()).isEqualTo(expectedCost("gpt-4o-mini", prefixed.getPromptTokens(),
                prefixed.getCachedPromptTokens(), prefixed.getCompletionTokens()));
        UsageRecorded claude = events.get(2);
        assertThat(claude.getCostCredits()).isEqualTo(expectedCost("claude-haiku-4-5", claude.getPromptTokens(),
                claude.getCachedPromptTokens(), claude.getCompletionTokens()));
    }

    @Test
    void theTableSaysWhereEachPriceComesFrom() {
        JsonNode list = json(admin("GET", "/api/prices", null).body());
        assertThat(list.path("catalogue").asString()).startsWith("catalogue@");
        assertThat(list.path("models").size()).isGreaterThan(100);
        assertThat(list.path("models").path("gpt-4o-mini").path("price").path("input").decimalValue())
                .isEqualByComparingTo("0.15");
        assertThat(list.path("models").path("gpt-unserved").path("version").asString()).isEqualTo("config");
    }

    @Test
    void badChangesAreRefusedWithAClearErrorAndNothingIsRecorded() {
        long before = history(null).path("totalItems").asLong();
        expectRefused("{", 400, "invalid_json");
        expectRefused("[]", 400, "invalid_json");
        // Above WebFlux's in-memory limit: too large, not "the price store is unreachable".
        expectRefused("{\"reason\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", 413, "request_too_large");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"price\":{\"input\":1,\"output\":1}}", 400, "reason_missing");
        expectRefused("{\"action\":\"DOUBLE\",\"model\":\"m\",\"reason\":\"r\"}", 400, "invalid_action");
        expectRefused("{\"model\":\"m\",\"reason\":\"r\"}", 400, "action_missing");
        expectRefused("{\"action\":\"SET\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1}}", 400, "model_missing");
        expectRefused("{\"action\":\"SET\",\"model\":\"a b\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1}}", 400,
                "invalid_model");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\"}", 400, "price_missing");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":1}}", 400,
                "price_output_missing");
        // A rate's name misspelt is refused, never ignored: it would leave that rate at its default.
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1,"
                + "\"cached_input\":0.1}}", 400, "unknown_field");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"colour\":1,\"price\":{\"input\":1,\"output\":1}}",
                400, "unknown_field");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":-1,\"output\":1}}", 400,
                "invalid_price_input");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":\"1\",\"output\":1}}",
                400, "invalid_price_input");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":0.0000000000001,"
                + "\"output\":1}}", 400, "invalid_price_input");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1,"
                + "\"maxOutputTokens\":0}}", 400, "invalid_price_maxOutputTokens");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"effectiveAt\":\"2020-01-01T00:00:00Z\","
                + "\"price\":{\"input\":1,\"output\":1}}", 400, "effective_at_in_the_past");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"r\",\"effectiveAt\":\"tomorrow\","
                + "\"price\":{\"input\":1,\"output\":1}}", 400, "invalid_effective_at");
        expectRefused("{\"action\":\"RESET\",\"model\":\"gpt-4o\",\"reason\":\"r\"}", 409, "nothing_to_reset");
        expectRefused("{\"action\":\"UNALIAS\",\"model\":\"gpt-4o\",\"reason\":\"r\"}", 409, "not_an_alias");
        expectRefused("{\"action\":\"ALIAS\",\"model\":\"x\",\"aliasOf\":\"no-such-model\",\"reason\":\"r\"}", 400,
                "alias_target_unpriced");
        expectRefused("{\"action\":\"ALIAS\",\"model\":\"x\",\"reason\":\"r\"}", 400, "alias_of_missing");
        expectRefused("{\"action\":\"ALIAS\",\"model\":\"x\",\"aliasOf\":\"x\",\"reason\":\"r\"}", 400, "invalid_alias");
        expectRefused("{\"action\":\"RESET\",\"model\":\"gpt-4o\",\"reason\":\"r\",\"price\":{\"input\":1,\"output\":1}}",
                400, "unexpected_price");
        expectRefused("{\"action\":\"SET\",\"model\":\"m\",\"reason\":\"" + "r".repeat(501) + "\",\"price\":{\"input\":1,"
                + "\"output\":1}}", 400, "invalid_reason");
        assertThat(history(null).path("totalItems").asLong()).isEqualTo(before);
        HttpResponse<String> badPage = admin("GET", "/api/admin/price-changes?size=0", null);
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(errorCode(badPage)).isEqualTo("invalid_size");
        HttpResponse<String> badModel = admin("GET", "/api/prices/resolve?model=", null);
        assertThat(badModel.statusCode()).isEqualTo(400);
        assertThat(errorCode(badModel)).isEqualTo("invalid_model");
    }

    @Test
    void onlyAdminsChangePricesFinanceReadsTheLogAndStrangersAreRefused() {
        String body = setBody("m-roles", "1", null, "1", null, "r");
        assertThat(api("POST", "/api/admin/price-changes", null, body).statusCode()).isEqualTo(401);
        assertThat(api("POST", "/api/admin/price-changes", Console.user("someone"), body).statusCode()).isEqualTo(403);
        assertThat(api("POST", "/api/admin/price-changes", Console.finance(), body).statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/admin/price-changes", null, null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/api/admin/price-changes", Console.user("someone"), null).statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/admin/price-changes", Console.finance(), null).statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/prices/resolve?model=gpt-4o", null, null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/api/prices/resolve?model=gpt-4o", Console.user("someone"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void everyChangeIsInTheAppendOnlyAuditLog() {
        String model = "audited-" + System.nanoTime();
        JsonNode set = changePrice(setBody(model, "1", null, "2", null, "first price"));
        JsonNode reset = changePrice("{\"action\":\"RESET\",\"model\":\"" + model + "\",\"reason\":\"withdrawn\"}");
        JsonNode page = history(model);
        assertThat(page.path("totalItems").asLong()).isEqualTo(2);
        assertThat(page.path("items").get(0).path("id").asLong()).isEqualTo(reset.path("id").asLong());
        assertThat(page.path("items").get(1).path("reason").asString()).isEqualTo("first price");
        assertThat(page.path("items").get(1).path("price").path("output").decimalValue()).isEqualByComparingTo("2");
        var database = JdbcClient.create(new DriverManagerDataSource(databaseUrl(), LocalPostgres.shared().username(),
                LocalPostgres.shared().password()));
        assertThatThrownBy(() -> database.sql("UPDATE price_change SET input = 0 WHERE id = ?")
                .param(set.path("id").asLong()).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.sql("DELETE FROM price_change").update()).hasMessageContaining("append-only");
    }

    static String setBody(String model, String input, String cachedInput, String output, String effectiveAt,
                          String reason) {
        return "{\"action\":\"SET\",\"model\":\"" + model + "\",\"reason\":\"" + reason + "\""
                + (effectiveAt == null ? "" : ",\"effectiveAt\":\"" + effectiveAt + "\"")
                + ",\"price\":{\"input\":" + input + (cachedInput == null ? "" : ",\"cachedInput\":" + cachedInput)
                + ",\"output\":" + output + "}}";
    }

    /** The cost of an event's tokens at these rates, the gateway's rule: one ceiling of the exact sum. */
    static long cost(UsageRecorded event, String input, String cachedInput, String output) {
        long cached = event.getCachedPromptTokens();
        return new BigDecimal(input).multiply(BigDecimal.valueOf(event.getPromptTokens() - cached))
                .add(new BigDecimal(cachedInput).multiply(BigDecimal.valueOf(cached)))
                .add(new BigDecimal(output).multiply(BigDecimal.valueOf(event.getCompletionTokens())))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    JsonNode changePrice(String body) {
        HttpResponse<String> response = admin("POST", "/api/admin/price-changes", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    void reset(String model) {
        changePrice("{\"action\":\"RESET\",\"model\":\"" + model + "\",\"reason\":\"test done\"}");
    }

    JsonNode resolve(String model) {
        HttpResponse<String> response = admin("GET", "/api/prices/resolve?model="
                + URLEncoder.encode(model, StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    JsonNode history(String model) {
        HttpResponse<String> response = admin("GET", "/api/admin/price-changes?size=200"
                + (model == null ? "" : "&model=" + URLEncoder.encode(model, StandardCharsets.UTF_8)), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    void expectRefused(String body, int status, String code) {
        HttpResponse<String> response = admin("POST", "/api/admin/price-changes", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
        assertThat(errorCode(response)).as(body).isEqualTo(code);
        assertThat(json(response.body()).at("/error/message").asString()).isNotBlank();
    }

    HttpResponse<String> admin(String method, String path, String body) {
        return api(method, path, Console.admin(), body);
    }

    HttpResponse<String> api(String method, String path, String bearer, String body) {
        return keyApi(method, path, bearer, body);
    }
}
