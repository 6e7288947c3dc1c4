package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/** Calls that succeed: the client gets exactly what the upstream sent, and the usage is charged exactly. */
class ChatCompletionsTest extends GatewayTestBase {

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void resetUpstream() {
        DEMO.reset();
        UPSTREAM.reset();
    }

    @Test
    void nonStreamingCallReturnsTheUpstreamAnswerByteForByteAndChargesItsUsage() {
        String user = newUser();

        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "Hello there"));

        assertThat(response.statusCode()).isEqualTo(200);
        byte[] upstreamAnswer = onlyUpstreamAnswer();
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(upstreamAnswer);
        JsonNode usage = json(upstreamAnswer).get("usage");
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertExactUsage(event, "gpt-4o-mini", usage);
        assertThat(event.getStream()).isFalse();
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(event.getRequestId()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(pending(user)).containsEntry(event.getEventId(), Long.toString(event.getCostCredits()));
    }

    @Test
    void theEmailLibreChatAssertsTravelsOnTheUsageEventAndAnUnfilledPlaceholderDoesNot() {
        String user = newUser();

        assertThat(post(Map.of("Authorization", "Bearer " + SERVICE_KEY, "X-User-Id", user,
                "X-User-Email", " alice@example.com "), chatBody("gpt-4o-mini", "Hi")).statusCode()).isEqualTo(200);
        assertThat(post(Map.of("Authorization", "Bearer " + SERVICE_KEY, "X-User-Id", user,
                "X-User-Email", "{{LIBRECHAT_USER_EMAIL}}"), chatBody("gpt-4o-mini", "Hi")).statusCode()).isEqualTo(200);
        assertThat(post(user, chatBody("gpt-4o-mini", "Hi")).statusCode()).isEqualTo(200);

        assertThat(awaitEvents(user, 3)).extracting(UsageRecorded::getUserEmail)
                .containsExactlyInAnyOrder("alice@example.com", "", "");
    }

    @Test
    void openAiSdkReadsANonStreamingAnswerAsTheUpstreamWroteIt() {
        String user = newUser();

        ChatCompletion completion = openAi(user).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4.1-mini").addSystemMessage("Be brief.").addUserMessage("What is a credit?").build());

        JsonNode upstream = json(onlyUpstreamAnswer());
        assertThat(completion.id()).isEqualTo(upstream.get("id").asString());
        assertThat(completion.choices().get(0).message().content())
                .contains(upstream.at("/choices/0/message/content").asString());
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(upstream.at("/usage/prompt_tokens").asLong());
        assertExactUsage(awaitEvents(user, 1).get(0), "gpt-4.1-mini", upstream.get("usage"));
    }

    @Test
    void streamPassesEveryUpstreamEventAndHidesTheUsageChunkTheClientDidNotAskFor() {
        String user = newUser();
        String body = chatBody("gpt-4o-mini", "Stream please").replaceFirst("\\{", "{\"stream\":true,");

        HttpResponse<String> response = post(user, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        JsonNode forwarded = json(DEMO.requestBodies().get(0));
        assertThat(forwarded.at("/stream_options/include_usage").asBoolean()).isTrue();
        List<String> upstreamEvents = events(new String(onlyUpstreamAnswer(), StandardCharsets.UTF_8));
        String usageEvent = upstreamEvents.get(upstreamEvents.size() - 2);
        assertThat(json(usageEvent.substring("data: ".length())).get("choices").isEmpty()).isTrue();
        List<String> expected = new ArrayList<>(upstreamEvents);
        expected.remove(usageEvent);
        assertThat(events(response.body())).containsExactlyElementsOf(expected);
        String upstreamBytes = new String(onlyUpstreamAnswer(), StandardCharsets.UTF_8);
        assertThat(response.body()).isEqualTo(upstreamBytes.replace(usageEvent + "\n\n", ""));
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertExactUsage(event, "gpt-4o-mini", json(usageEvent.substring("data: ".length())).get("usage"));
        assertThat(event.getStream()).isTrue();
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(pending(user)).containsEntry(event.getEventId(), Long.toString(event.getCostCredits()));
    }

    @Test
    void streamKeepsTheUsageChunkForAClientThatAskedForIt() {
        String user = newUser();
        List<ChatCompletionChunk> chunks;

        try (StreamResponse<ChatCompletionChunk> stream = openAi(user).chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-5-mini").addUserMessage("Count to three")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            chunks = stream.stream().toList();
        }

        List<String> upstreamEvents = events(new String(onlyUpstreamAnswer(), StandardCharsets.UTF_8));
        assertThat(chunks).hasSize(upstreamEvents.size() - 1); // every event but [DONE]
        JsonNode upstreamUsageChunk = json(upstreamEvents.get(upstreamEvents.size() - 2).substring("data: ".length()));
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens())
                .isEqualTo(upstreamUsageChunk.at("/usage/completion_tokens").asLong());
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.id()).isEqualTo(upstreamUsageChunk.get("id").asString()));
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).startsWith("You said: \"Count to three\".");
        assertExactUsage(awaitEvents(user, 1).get(0), "gpt-5-mini", upstreamUsageChunk.get("usage"));
    }

    @Test
    void upstreamKeyIsSentUpstreamAndTheServiceKeyNeverIs() {
        post(newUser(), chatBody("gpt-4o", "Who am I?"));

        assertThat(DEMO.requests()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + UPSTREAM_KEY));
        assertThat(DEMO.requestBodies().get(0)).doesNotContain(SERVICE_KEY);
    }

    @Test
    void upstreamErrorPassesThroughWithItsStatusAndChargesNothing() {
        String user = newUser();

        HttpResponse<String> response = post(user, chatBody(UNSERVED_MODEL, "Anyone there?"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(onlyUpstreamAnswer());
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.UPSTREAM_ERROR);
        assertThat(event.getCostCredits()).isZero();
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertThat(pending(user)).containsEntry(event.getEventId(), "0");
    }

    @Test
    void finishedCallsShowInTheMetrics() {
        double before = callsCompleted("gpt-4o");

        post(newUser(), chatBody("gpt-4o", "Count me"));

        await().atMost(Duration.ofSeconds(5)).until(() -> callsCompleted("gpt-4o") == before + 1);
        assertThat(meters.find("creditgate.admissions").tag("decision", "admitted").counters()).isNotEmpty();
        assertThat(meters.find("creditgate.upstream.latency").tag("model", "gpt-4o").timer()).isNotNull();
        assertThat(meters.find("creditgate.credits").tag("model", "gpt-4o").counter().count()).isPositive();
        HttpResponse<String> scrape = send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + KeysTestBase.ADMIN_KEY).GET().build());
        assertThat(scrape.body()).contains("creditgate_calls_total{", "creditgate_tokens_total{",
                "creditgate_upstream_latency_seconds_count{", "creditgate_admissions_total{");
    }

    private double callsCompleted(String model) {
        return meters.find("creditgate.calls").tag("model", model).tag("outcome", "COMPLETED").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static void assertExactUsage(UsageRecorded event, String model, JsonNode usage) {
        long prompt = usage.get("prompt_tokens").asLong();
        long cached = usage.at("/prompt_tokens_details/cached_tokens").asLong(0);
        long completion = usage.get("completion_tokens").asLong();
        assertThat(event.getModel()).isEqualTo(model);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.EXACT);
        assertThat(event.getPromptTokens()).isEqualTo(prompt).isPositive();
        assertThat(event.getCachedPromptTokens()).isEqualTo(cached);
        assertThat(event.getCompletionTokens()).isEqualTo(completion).isPositive();
        assertThat(event.getReasoningTokens()).isEqualTo(usage.at("/completion_tokens_details/reasoning_tokens").asLong(0));
        assertThat(event.getCostCredits()).isEqualTo(expectedCost(model, prompt, cached, completion)).isPositive();
    }

}
