package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import tools.jackson.databind.JsonNode;

/**
 * The metered endpoints beside chat: each passes the upstream's answer through byte for byte (streams event
 * by event), records exactly one event with its own {@code endpoint}, and any other path is a 404 that never
 * reaches the upstream.
 */
class MeteredEndpointsTest extends GatewayTestBase {

    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @AfterEach
    void restoreUpstream() {
        DEMO.reset();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/v1/completions | completions | {\"model\":\"gpt-4o-mini\",\"max_tokens\":300,\"prompt\":[\"One\",\"Two\"]}",
            "/v1/embeddings  | embeddings  | {\"model\":\"text-embedding-3-large\",\"dimensions\":4,\"input\":[\"a b c\",[11,22]]}",
            "/v1/responses   | responses   | {\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"})
    void answerPassesThroughByteForByteAndIsChargedOnce(String path, String endpoint, String body) {
        String user = newUser();

        HttpResponse<String> response = post(path, user, body);

        assertThat(response.statusCode()).isEqualTo(200);
        byte[] upstream = onlyUpstreamAnswer();
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(upstream);
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getEndpoint()).isEqualTo(endpoint);
        assertThat(event.getStream()).isFalse();
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.EXACT);
        JsonNode usage = json(upstream).get("usage");
        long prompt = usage.has("input_tokens") ? usage.get("input_tokens").asLong() : usage.get("prompt_tokens").asLong();
        long completion = usage.has("output_tokens") ? usage.get("output_tokens").asLong() : usage.path("completion_tokens").asLong(0);
        assertThat(event.getPromptTokens()).isEqualTo(prompt).isPositive();
        assertThat(event.getCompletionTokens()).isEqualTo(completion);
        assertPricedExactly(event);
        assertThat(event.getRequestId()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(pending(user)).containsEntry(event.getEventId(), Long.toString(event.getCostCredits()));
    }

    @Test
    void severalPromptsAndBestOfAreReservedForEveryCompletion() {
        String user = newUser();
        String body = "{\"model\":\"gpt-4o\",\"max_tokens\":10,\"n\":2,\"best_of\":3,\"prompt\":[\"One\",\"Two\"]}";
        // One cheap prompt (2 x 1 token at 2.50) plus 2 prompts x best_of 3 x 10 tokens at 10.00: 605 credits.
        // With 305 available, the cap leaves (305 - 5) / 10 = 30 tokens for 6 completions: 5 each.
        setBalance(user, 305);

        assertThat(post("/v1/completions", user, body).statusCode()).isEqualTo(200);

        assertThat(json(DEMO.requestBodies().get(0)).get("max_tokens").asLong()).isEqualTo(5);
    }

    @Test
    void completionsStreamHidesTheUsageChunkTheClientDidNotAskFor() {
        String user = newUser();

        HttpResponse<String> response = post("/v1/completions", user,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":300,\"prompt\":\"Go\"}");

        List<String> upstream = events(new String(onlyUpstreamAnswer(), StandardCharsets.UTF_8));
        String usageEvent = upstream.get(upstream.size() - 2);
        assertThat(json(usageEvent.substring(6)).get("choices").isEmpty()).isTrue();
        List<String> expected = new ArrayList<>(upstream);
        expected.remove(usageEvent);
        assertThat(events(response.body())).containsExactlyElementsOf(expected);
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getCompletionTokens()).isEqualTo(json(usageEvent.substring(6)).at("/usage/completion_tokens").asLong());
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.EXACT);
        assertThat(event.getStream()).isTrue();
        assertPricedExactly(event);
    }

    @Test
    void responsesStreamPassesEveryNamedEventUnchanged() {
        String user = newUser();

        HttpResponse<String> response = post("/v1/responses", user,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"input\":\"Stream it\"}");

        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(onlyUpstreamAnswer());
        JsonNode completed = ExactnessTest.lastNamed(response.body(), "response.completed");
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getEndpoint()).isEqualTo("responses");
        assertThat(event.getPromptTokens()).isEqualTo(completed.at("/response/usage/input_tokens").asLong());
        assertThat(event.getCompletionTokens()).isEqualTo(completed.at("/response/usage/output_tokens").asLong());
        assertPricedExactly(event);
    }

    /** Responses refuses max_output_tokens below 16, so a cap never goes lower. */
    @Test
    void responsesOutputCapNeverGoesBelowSixteen() {
        String user = newUser();
        // "Hi" is 7 prompt tokens with the overhead: 2 credits at 0.15; 6 credits more buy 10 output tokens at 0.60.
        setBalance(user, 8);

        assertThat(post("/v1/responses", user, "{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}").statusCode()).isEqualTo(200);

        assertThat(json(DEMO.requestBodies().get(0)).get("max_output_tokens").asLong()).isEqualTo(16);
    }

    @Test
    void responsesBrokenOffMidStreamEndWithTheResponsesApisOwnErrorEvent() {
        String user = newUser();
        // A pause between events, so the pass-through reads them one by one and cuts after a few.
        DEMO.reconfigure(DEMO.options().withEventDelay(Duration.ofMillis(5)));
        UPSTREAM.dropNextAnswerAfter(1_500);

        HttpResponse<String> response = post("/v1/responses", user,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"input\":\"Keep going\"}");

        List<String> events = events(response.body());
        String last = events.get(events.size() - 1);
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error = json(last.substring(last.indexOf("data: ") + 6));
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.get("code").asString()).isEqualTo("upstream_unavailable");
        JsonNode previous = json(events.get(events.size() - 2).substring(events.get(events.size() - 2).indexOf("data: ") + 6));
        assertThat(error.get("sequence_number").asLong()).isEqualTo(previous.get("sequence_number").asLong() + 1);
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.UPSTREAM_ERROR);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertPricedExactly(event);
    }

    @Test
    void badRequestsOfTheNewEndpointsAreRefusedBeforeTheUpstream() {
        assertRefused("/v1/completions", "{\"model\":\"gpt-4o-mini\"}", "prompt_invalid");
        assertRefused("/v1/completions", "{\"model\":\"gpt-4o-mini\",\"prompt\":\"x\",\"best_of\":21}", "invalid_value");
        assertRefused("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[]}", "input_invalid");
        assertRefused("/v1/embeddings", "{\"input\":\"x\"}", "model_missing");
        assertRefused("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":42}", "invalid_type");
        assertRefused("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"x\",\"max_output_tokens\":0}", "invalid_value");
        assertRefused("/v1/responses", "{\"model\":\"gpt-9\",\"input\":\"x\"}", "model_not_found");
        assertThat(DEMO.requestCount()).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /v1/audio/speech", "POST, /v1/images/generations", "GET, /v1/responses/resp_123",
            "POST, /v1/responses/resp_123/cancel", "POST, /v1/messages/count_tokens", "POST, /v1/assistants",
            "GET, /v1/files", "POST, /v1/chat/completions/extra", "POST, /chat/completions", "GET, /"})
    void anyOtherPathIsAnOpenAiShaped404ThatNeverReachesTheUpstream(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + SERVICE_KEY).header("X-User-Id", newUser())
                .header("Content-Type", "application/json");
        request = method.equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\"}"));

        HttpResponse<String> response = send(request.build());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = json(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("not_found");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asString()).contains(path);
        assertThat(DEMO.requestCount()).isZero();
    }

    private void assertRefused(String path, String body, String code) {
        String user = newUser();
        HttpResponse<String> response = post(path, user, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response.body()).at("/error/code").asString()).as(body).isEqualTo(code);
        assertThat(pending(user)).isEmpty();
    }
}
