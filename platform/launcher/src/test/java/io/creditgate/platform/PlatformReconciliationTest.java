package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.creditgate.console.Browser;
import io.creditgate.platform.embedded.DemoUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13's acceptance on the running platform: a mixed run through the gateway (streamed and not, a stream the client
 * cuts short, tools, cached prompts, embeddings, calls the demo upstream reports no usage for), then finance reads the
 * reconciliation through the console. The demo upstream keeps its own bill and serves it as OpenAI's usage API: every
 * model whose calls all had the provider's usage shows a drift of exactly 0, and the models with estimated calls
 * show theirs, with the provider having billed every one of those calls.
 */
@ExtendWith(TestPlatform.class)
class PlatformReconciliationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> MEASURES = List.of("requests", "inputTokens", "cachedInputTokens", "outputTokens");
    final String user = "recon-" + UUID.randomUUID();

    @Test
    void theReconciliationOfAMixedRunHasNoDriftWhereTheProviderReportedUsage() throws Exception {
        Platform platform = TestPlatform.platform();
        DemoUpstream demo = platform.demo();
        grant(platform, 5_000_000);
        try {
            exactCalls(demo);
            estimatedCalls(demo);
        } finally {
            demo.reset();
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Browser finance = PlatformPeople.invite(platform, PlatformPeople.signedInAdmin(platform),
                "finance-" + UUID.randomUUID() + "@example.com", "[\"finance\"]", "finance-" + UUID.randomUUID(), secret -> { });

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Browser.Response response = finance.get("/api/finance/reconciliation?from=" + today + "&to=" + today);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode report = response.json();
            assertThat(report.path("source").asString()).isEqualTo("openai");
            for (JsonNode row : report.path("rows")) {
                if (row.path("ours").path("estimatedCalls").asLong() == 0 && row.path("side").asString().equals("BOTH")) {
                    for (String measure : MEASURES) {
                        JsonNode drift = row.path("drift").path(measure);
                        assertThat(drift.isNull() || drift.decimalValue().signum() == 0)
                                .as(row.path("model").asString() + " " + measure + " in " + row).isTrue();
                    }
                    assertThat(row.path("flagged").asBoolean()).as(row.toString()).isFalse();
                }
            }
            JsonNode exact = row(report, "gpt-4.1-mini");
            assertThat(exact.path("ours").path("calls").asLong()).isGreaterThanOrEqualTo(5);
            assertThat(exact.path("ours").path("cachedInputTokens").asLong()).isPositive();
            assertThat(exact.path("ours").path("estimatedCalls").asLong()).isZero();
            assertThat(row(report, "text-embedding-3-small").path("flagged").asBoolean()).isFalse();

            for (String model : List.of("gpt-5-mini", "claude-haiku-4-5")) {
                JsonNode estimated = row(report, model);
                assertThat(estimated.path("ours").path("estimatedCalls").asLong()).as(model).isPositive();
                // The provider billed every call, whether it told the gateway or not.
                assertThat(estimated.path("theirs").path("requests").asLong()).as(model)
                        .isEqualTo(estimated.path("ours").path("calls").asLong());
                assertDriftIsShown(estimated);
            }
        });
        Browser.Response csv = finance.get("/api/finance/reconciliation?from=" + today + "&to=" + today + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("day,model,side,").contains(today + ",gpt-4.1-mini,BOTH,");
    }

    /** Enough credits for the whole run (the platform's starting grant is small). */
    private void grant(Platform platform, long credits) throws Exception {
        HttpResponse<String> grant = HTTP.send(HttpRequest.newBuilder(URI.create(platform.ledgerUrl() + "/api/admin/accounts/"
                        + user + "/grants")).header("Authorization", "Bearer " + TestPlatform.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amountCredits\":" + credits + ",\"reason\":\"reconciliation run\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(201);
    }

    /** Every call here has the provider's usage: plain, streamed with and without include_usage, tools, cache. */
    private void exactCalls(DemoUpstream demo) throws Exception {
        demo.reconfigure(demo.options().withCachedPromptTokens(6));
        expect200(chat("gpt-4.1-mini", false, ""));
        expect200(chat("gpt-4.1-mini", true, ",\"stream_options\":{\"include_usage\":true}"));
        expect200(chat("gpt-4.1-mini", true, ""));
        demo.reconfigure(demo.options().withToolCalls(true));
        expect200(chat("gpt-4.1-mini", false, ",\"tools\":[" + TOOL + "]"));
        expect200(chat("gpt-4.1-mini", true, ",\"tools\":[" + TOOL + "]"));
        expect200(send("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[\"one\",\"two words\"]}"));
        demo.reset();
    }

    /** Calls the gateway must count itself: a provider that sends no usage, and a stream the client cuts short. */
    private void estimatedCalls(DemoUpstream demo) throws Exception {
        demo.reconfigure(demo.options().withReportUsage(false).withReasoningTokens(12));
        expect200(chat("gpt-5-mini", false, ""));
        expect200(chat("gpt-5-mini", true, ""));
        expect200(chat("gpt-5-mini", false, ",\"tools\":[" + TOOL + "],\"tool_choice\":\"required\""));
        demo.reset();
        demo.reconfigure(demo.options().withEventDelay(Duration.ofMillis(60)).withAnswerWords(40));
        cutShort("claude-haiku-4-5");
        demo.reset();
    }

    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"request\":{\"type\":\"string\"}}}}}";

    /** Reads the first few events of a streamed answer and goes away. */
    private void cutShort(String model) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(request("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story.\"}]}").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            int events = 0;
            while (events < 4) {
                String line = reader.readLine();
                if (line != null && line.startsWith("data: ")) {
                    events++;
                }
            }
        }
    }

    private HttpResponse<String> chat(String model, boolean stream, String extra) throws Exception {
        return send("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":" + stream + extra
                + ",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"What does the reconciliation compare?\"}]}");
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return HTTP.send(request(path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(TestPlatform.platform().gatewayUrl() + path))
                .header("Authorization", "Bearer " + TestPlatform.SERVICE_KEY).header("X-User-Id", user)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static void expect200(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode row(JsonNode report, String model) {
        List<String> models = new ArrayList<>();
        for (JsonNode row : report.path("rows")) {
            if (row.path("model").asString().equals(model)) {
                return row;
            }
            models.add(row.path("model").asString());
        }
        throw new AssertionError("no row for " + model + " among " + models);
    }

    /** Each measure's drift is (ours − theirs) / theirs × 100 of the row's own counts, or null where theirs is 0. */
    private static void assertDriftIsShown(JsonNode row) {
        String[][] pairs = {{"calls", "requests", "requests"}, {"inputTokens", "inputTokens", "inputTokens"},
                {"cachedInputTokens", "cachedInputTokens", "cachedInputTokens"}, {"outputTokens", "outputTokens", "outputTokens"}};
        for (String[] pair : pairs) {
            long ours = row.path("ours").path(pair[0]).asLong();
            long theirs = row.path("theirs").path(pair[1]).asLong();
            JsonNode drift = row.path("drift").path(pair[2]);
            if (theirs == 0) {
                assertThat(drift.isNull()).as(pair[2] + " of " + row).isTrue();
            } else {
                BigDecimal expected = BigDecimal.valueOf(ours - theirs).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(theirs), 2, RoundingMode.HALF_EVEN);
                assertThat(drift.decimalValue()).as(pair[2] + " of " + row).isEqualByComparingTo(expected);
            }
        }
    }
}
