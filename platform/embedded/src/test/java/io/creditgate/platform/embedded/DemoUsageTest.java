package io.creditgate.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's own bill and OpenAI's organisation usage API over it: buckets, paging, dated snapshot names, calls the
 * caller was told nothing about, and a stream cut short billed for what was written.
 */
class DemoUsageTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final long DAY = 86_400;
    /** 2026-11-01T00:00:00Z. */
    static final long NOV_1 = 1_761_955_200L;
    DemoUpstream upstream;

    @BeforeEach
    void start() {
        upstream = DemoUpstream.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void bucketsByDayWithEmptyDaysAndPagesByLimit() {
        DemoUsage usage = new DemoUsage();
        usage.record(Instant.ofEpochSecond(NOV_1 + 10), bill("gpt-4o-mini", 100, 20, 30));
        usage.record(Instant.ofEpochSecond(NOV_1 + 3_600), bill("gpt-4o-mini", 50, 0, 5));
        usage.record(Instant.ofEpochSecond(NOV_1 + 3_600), bill("gpt-4o", 7, 0, 1));
        usage.record(Instant.ofEpochSecond(NOV_1 + 2 * DAY + 5), bill("gpt-4o-mini", 1, 0, 1));

        JsonNode first = page(usage, Map.of("start_time", List.of("" + NOV_1), "end_time", List.of("" + (NOV_1 + 3 * DAY)),
                "group_by", List.of("model"), "limit", List.of("2")));
        assertThat(first.path("object").asString()).isEqualTo("page");
        assertThat(first.path("has_more").asBoolean()).isTrue();
        JsonNode buckets = first.path("data");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).path("object").asString()).isEqualTo("bucket");
        assertThat(buckets.get(0).path("start_time").asLong()).isEqualTo(NOV_1);
        assertThat(buckets.get(0).path("end_time").asLong()).isEqualTo(NOV_1 + DAY);
        JsonNode results = buckets.get(0).path("results");
        assertThat(results.findValuesAsString("model")).containsExactly("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18");
        JsonNode mini = results.get(1);
        assertThat(mini.path("object").asString()).isEqualTo("organization.usage.completions.result");
        assertThat(mini.path("num_model_requests").asLong()).isEqualTo(2);
        assertThat(mini.path("input_tokens").asLong()).isEqualTo(150);
        assertThat(mini.path("input_cached_tokens").asLong()).isEqualTo(20);
        assertThat(mini.path("output_tokens").asLong()).isEqualTo(35);
        assertThat(mini.path("input_audio_tokens").asLong()).isZero();
        assertThat(mini.has("project_id") && mini.path("project_id").isNull()).isTrue();
        assertThat(mini.path("batch").isNull()).isTrue();
        assertThat(buckets.get(1).path("results")).isEmpty();

        JsonNode second = page(usage, Map.of("start_time", List.of("" + NOV_1), "end_time", List.of("" + (NOV_1 + 3 * DAY)),
                "group_by", List.of("model"), "limit", List.of("2"), "page", List.of(first.path("next_page").asString())));
        assertThat(second.path("has_more").asBoolean()).isFalse();
        assertThat(second.path("next_page").isNull()).isTrue();
        assertThat(second.path("data")).hasSize(1);
        assertThat(second.path("data").get(0).path("start_time").asLong()).isEqualTo(NOV_1 + 2 * DAY);
        assertThat(second.path("data").get(0).path("results").get(0).path("output_tokens").asLong()).isEqualTo(1);
    }

    @Test
    void hourBucketsAndNoGroupingSumEveryModel() {
        DemoUsage usage = new DemoUsage();
        usage.record(Instant.ofEpochSecond(NOV_1 + 3_600 + 59), bill("gpt-4o-mini", 10, 0, 1));
        usage.record(Instant.ofEpochSecond(NOV_1 + 3_600 + 3_599), bill("gpt-4o", 5, 0, 2));
        JsonNode page = page(usage, Map.of("start_time", List.of("" + NOV_1), "end_time", List.of("" + (NOV_1 + 3 * 3_600)),
                "bucket_width", List.of("1h")));
        JsonNode buckets = page.path("data");
        assertThat(buckets).hasSize(3);
        assertThat(buckets.get(0).path("results")).isEmpty();
        JsonNode all = buckets.get(1).path("results").get(0);
        assertThat(all.path("model").isNull()).isTrue();
        assertThat(all.path("num_model_requests").asLong()).isEqualTo(2);
        assertThat(all.path("input_tokens").asLong()).isEqualTo(15);
        assertThat(all.path("output_tokens").asLong()).isEqualTo(3);
    }

    @Test
    void keepsAtMostTheBoundedNumberOfMinutes() {
        DemoUsage usage = new DemoUsage();
        for (int minute = 0; minute < DemoUsage.MAX_MINUTES + 10; minute++) {
            usage.record(Instant.ofEpochSecond(NOV_1 + 60L * minute), bill("gpt-4o-mini", 1, 0, 1));
        }
        assertThat(usage.minutesKept()).isEqualTo(DemoUsage.MAX_MINUTES);
    }

    @Test
    void billsCallsThatReportedNoUsageExactlyAsReportedOnes() throws Exception {
        String request = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What does this cost?\"}]}";
        JsonNode reported = JSON.readTree(post("/v1/chat/completions", request).body()).path("usage");
        upstream.reconfigure(upstream.options().withReportUsage(false));
        assertThat(JSON.readTree(post("/v1/chat/completions", request).body()).has("usage")).isFalse();

        JsonNode result = todaysResult("completions", "gpt-4o-mini-2024-07-18");
        assertThat(result.path("num_model_requests").asLong()).isEqualTo(2);
        assertThat(result.path("input_tokens").asLong()).isEqualTo(2 * reported.path("prompt_tokens").asLong());
        assertThat(result.path("output_tokens").asLong()).isEqualTo(2 * reported.path("completion_tokens").asLong());
    }

    @Test
    void billsCachedInputAndReasoningAsOutput() throws Exception {
        upstream.reconfigure(upstream.options().withCachedPromptTokens(4).withReasoningTokens(7));
        JsonNode usage = JSON.readTree(post("/v1/chat/completions",
                "{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Think first\"}]}").body()).path("usage");
        JsonNode result = todaysResult("completions", "gpt-5-mini-2025-08-07");
        assertThat(result.path("input_cached_tokens").asLong()).isEqualTo(4);
        assertThat(result.path("output_tokens").asLong()).isEqualTo(usage.path("completion_tokens").asLong())
                .isGreaterThan(7);
    }

    @Test
    void aStreamCutShortIsBilledOnlyForWhatWasWritten() throws Exception {
        upstream.reconfigure(upstream.options().withEventDelay(Duration.ofMillis(100)).withAnswerWords(40));
        String request = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl()
                        + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            int events = 0;
            while (events < 3) {
                if (reader.readLine().startsWith("data: ")) {
                    events++;
                }
            }
        }
        // The whole answer, for comparison (no delay, nothing cut).
        upstream.reconfigure(upstream.options().withEventDelay(Duration.ZERO));
        long full = JSON.readTree(post("/v1/chat/completions", request.replace("\"stream\":true,", "")).body())
                .path("usage").path("completion_tokens").asLong();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode result = todaysResult("completions", "gpt-4o-2024-08-06");
            assertThat(result.path("num_model_requests").asLong()).isEqualTo(2);
            long cut = result.path("output_tokens").asLong() - full;
            assertThat(cut).isPositive().isLessThan(full / 2);
        });
    }

    @Test
    void embeddingsHaveTheirOwnReport() throws Exception {
        JsonNode usage = JSON.readTree(post("/v1/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"one\",\"two words\"]}").body()).path("usage");
        JsonNode result = todaysResult("embeddings", "text-embedding-3-small");
        assertThat(result.path("object").asString()).isEqualTo("organization.usage.embeddings.result");
        assertThat(result.path("input_tokens").asLong()).isEqualTo(usage.path("prompt_tokens").asLong());
        assertThat(result.path("num_model_requests").asLong()).isEqualTo(1);
        assertThat(result.has("output_tokens")).isFalse();
        assertThat(todaysResults("completions")).isEmpty();
    }

    @Test
    void theUsageApiWantsAKeyAndValidParameters() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl()
                + "/v1/organization/usage/completions?start_time=" + NOV_1)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(usageApi("completions", "start_time=" + NOV_1 + "&bucket_width=1w").statusCode()).isEqualTo(400);
        assertThat(usageApi("completions", "start_time=" + NOV_1 + "&bucket_width=1d&limit=32").statusCode()).isEqualTo(400);
        assertThat(usageApi("completions", "bucket_width=1d").statusCode()).isEqualTo(400);
        assertThat(usageApi("completions", "start_time=" + NOV_1 + "&end_time=" + (NOV_1 + DAY) + "&page=garbage")
                .statusCode()).isEqualTo(400);
        assertThat(upstream.requestCount()).as("reading the bill is not a model call").isZero();
    }

    // --- helpers ---

    private static DemoBill bill(String model, long input, long cached, long output) {
        DemoBill bill = new DemoBill();
        bill.charge(DemoBill.Kind.COMPLETIONS, model, input, cached, output);
        return bill;
    }

    private static JsonNode page(DemoUsage usage, Map<String, List<String>> parameters) {
        return usage.page(DemoUsage.Query.parse(DemoBill.Kind.COMPLETIONS, parameters, NOV_1 + 30 * DAY));
    }

    private JsonNode todaysResult(String kind, String model) throws Exception {
        for (JsonNode result : todaysResults(kind)) {
            if (result.path("model").asString("").equals(model)) {
                return result;
            }
        }
        throw new AssertionError("no " + model + " in today's " + kind + " usage");
    }

    private JsonNode todaysResults(String kind) throws Exception {
        long today = Math.floorDiv(System.currentTimeMillis() / 1000, DAY) * DAY;
        HttpResponse<String> response = usageApi(kind, "start_time=" + today + "&end_time=" + (today + DAY)
                + "&bucket_width=1d&group_by=model&limit=1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("data")).hasSize(1);
        return page.path("data").get(0).path("results");
    }

    private HttpResponse<String> usageApi(String kind, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/organization/usage/" + kind + "?" + query))
                .header("Authorization", "Bearer sk-admin-demo").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
