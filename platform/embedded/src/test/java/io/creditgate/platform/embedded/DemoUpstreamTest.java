package io.creditgate.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoUpstreamTest {

    /** The OpenAI cookbook's six-message example ("How to count tokens with tiktoken"). */
    static final String COOKBOOK_MESSAGES = """
            [{"role":"system","content":"You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
             {"role":"system","name":"example_user","content":"New synergies will help drive top-line growth."},
             {"role":"system","name":"example_assistant","content":"Things working well together will increase revenue."},
             {"role":"system","name":"example_user","content":"Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
             {"role":"system","name":"example_assistant","content":"Let's talk later when we're less busy about how to do better."},
             {"role":"user","content":"This late pivot means we don't have time to boil the ocean for the client deliverable."}]""";

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static DemoUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void reportsThePromptTokensOpenAiPublishesForTheCookbookExample() throws Exception {
        assertThat(post("{\"model\":\"gpt-4o-mini\",\"messages\":" + COOKBOOK_MESSAGES + "}").body()
                .path("usage").path("prompt_tokens").asLong()).isEqualTo(124);
    }

    @Test
    void completionTokensAreTheTokensOfTheAnswer() throws Exception {
        JsonNode body = post("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").body();
        String text = body.path("choices").get(0).path("message").path("content").asString();
        assertThat(body.path("usage").path("completion_tokens").asLong())
                .isEqualTo(DemoTokens.encodingFor("gpt-4o").countTokensOrdinary(text));
        assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
    }

    @Test
    void cutsTheAnswerAtMaxTokens() throws Exception {
        JsonNode body = post("{\"model\":\"gpt-4o\",\"max_completion_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").body();
        assertThat(body.path("usage").path("completion_tokens").asLong()).isEqualTo(5);
        assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
    }

    @Test
    void streamsWordByWordAndAddsTheUsageChunkOnlyWhenAsked() throws Exception {
        String plain = postRaw("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        String withUsage = postRaw("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        List<String> plainEvents = events(plain);
        List<String> usageEvents = events(withUsage);
        assertThat(plainEvents).last().isEqualTo("[DONE]");
        assertThat(plainEvents).noneMatch(event -> event.contains("\"usage\""));
        assertThat(usageEvents).hasSize(plainEvents.size() + 1);
        JsonNode usageChunk = JSON.readTree(usageEvents.get(usageEvents.size() - 2));
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.path("usage").path("prompt_tokens").asLong()).isEqualTo(8);
        StringBuilder text = new StringBuilder();
        plainEvents.stream().filter(e -> !e.equals("[DONE]")).map(JSON::readTree)
                .forEach(chunk -> text.append(chunk.path("choices").get(0).path("delta").path("content").asString("")));
        assertThat(usageChunk.path("usage").path("completion_tokens").asLong())
                .isEqualTo(DemoTokens.encodingFor("gpt-4o-mini").countTokensOrdinary(text.toString()));
    }

    @Test
    void answersUnknownModelsAndPathsInOpenAisErrorShape() throws Exception {
        Response unknownModel = post("{\"model\":\"gpt-0\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.body().path("error").path("code").asString()).isEqualTo("model_not_found");
        HttpResponse<String> unknownPath = HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/nothing")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownPath.body()).path("error").path("message").asString()).contains("/v1/nothing");
        Response badJson = post("{not json");
        assertThat(badJson.status()).isEqualTo(400);
    }

    @Test
    void withoutUsageReportingBehavesLikeAProviderThatNeverSendsIt() throws Exception {
        try (DemoUpstream silent = DemoUpstream.start(DemoUpstream.Options.defaults().withReportUsage(false))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(silent.baseUrl() + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(response.body()).has("usage")).isFalse();
            assertThat(silent.requestCount()).isEqualTo(1);
        }
    }

    record Response(int status, JsonNode body) {
    }

    static Response post(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    static String postRaw(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static List<String> events(String sse) {
        return sse.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
    }
}
