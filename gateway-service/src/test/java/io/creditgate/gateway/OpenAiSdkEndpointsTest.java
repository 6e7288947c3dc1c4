package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;

import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance: the official OpenAI Java SDK works through the gateway against {@code /v1/completions},
 * {@code /v1/embeddings} and {@code /v1/responses}, streaming included, and every call is charged exactly
 * what the upstream reported.
 */
class OpenAiSdkEndpointsTest extends GatewayTestBase {


    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @AfterEach
    void restoreUpstream() {
        DEMO.reset();
    }

    @Test
    void completions() {
        String user = newUser();

        Completion completion = openAi(user).completions().create(CompletionCreateParams.builder()
                .model("gpt-4o-mini").prompt("Say this is a test").maxTokens(200).build());

        JsonNode upstream = json(onlyUpstreamAnswer());
        assertThat(completion.id()).isEqualTo(upstream.get("id").asString());
        assertThat(completion.choices().get(0).text()).isEqualTo(upstream.at("/choices/0/text").asString())
                .startsWith("You said: \"Say this is a test\"");
        CompletionUsage usage = completion.usage().orElseThrow();
        assertCharged(onlyEvent(user), "completions", false, usage.promptTokens(), 0, usage.completionTokens(), 0);
    }

    @Test
    void completionsStreaming() {
        String user = newUser();
        List<Completion> chunks;

        try (StreamResponse<Completion> stream = openAi(user).completions().createStreaming(CompletionCreateParams.builder()
                .model("gpt-4o-mini").prompt("Stream a test").maxTokens(200).build())) {
            chunks = stream.stream().toList();
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> chunk.choices().forEach(choice -> text.append(choice.text())));
        assertThat(text.toString()).startsWith("You said: \"Stream a test\"");
        // The gateway asked for the usage chunk; the client did not, so it never sees one.
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.choices()).isNotEmpty());
        assertThat(json(DEMO.requestBodies().get(0)).at("/stream_options/include_usage").asBoolean()).isTrue();
        assertCharged(onlyEvent(user), "completions", true, o200k("Stream a test"), 0,
                o200k(text.toString()), 0);
    }

    @Test
    void embeddings() {
        String user = newUser();

        CreateEmbeddingResponse response = openAi(user).embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("The food was delicious and the waiter was kind.").build());

        assertThat(response.data()).singleElement()
                .satisfies(embedding -> assertThat(embedding.embedding()).hasSize(1536));
        long prompt = response.usage().promptTokens();
        UsageRecorded event = onlyEvent(user);
        assertCharged(event, "embeddings", false, prompt, 0, 0, 0);
        // 0.02 credits a prompt token and no output.
        assertThat(event.getCostCredits()).isEqualTo((long) Math.ceil(prompt * 0.02));
    }

    @Test
    void responses() {
        String user = newUser();

        Response response = openAi(user).responses().create(ResponseCreateParams.builder()
                .model("gpt-4o-mini").instructions("Be brief.").input("What is a credit?").build());

        String text = response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text();
        assertThat(text).startsWith("You said: \"What is a credit?\"");
        ResponseUsage usage = response.usage().orElseThrow();
        assertCharged(onlyEvent(user), "responses", false, usage.inputTokens(), usage.inputTokensDetails().cachedTokens(),
                usage.outputTokens(), usage.outputTokensDetails().reasoningTokens());
    }

    @Test
    void responsesStreaming() {
        String user = newUser();
        List<ResponseStreamEvent> events;

        try (StreamResponse<ResponseStreamEvent> stream = openAi(user).responses().createStreaming(ResponseCreateParams
                .builder().model("gpt-4.1-mini").input("Stream me an answer").build())) {
            events = stream.stream().toList();
        }

        assertThat(events.get(0).created()).isPresent();
        StringBuilder text = new StringBuilder();
        events.forEach(event -> event.outputTextDelta().ifPresent(delta -> text.append(delta.delta())));
        assertThat(text.toString()).startsWith("You said: \"Stream me an answer\"");
        ResponseUsage usage = events.get(events.size() - 1).completed().orElseThrow().response().usage().orElseThrow();
        assertThat(usage.outputTokens()).isEqualTo(o200k(text.toString()));
        assertCharged(onlyEvent(user), "responses", true, usage.inputTokens(), 0, usage.outputTokens(), 0);
    }

    private static void assertCharged(UsageRecorded event, String endpoint, boolean stream, long prompt, long cached,
                                      long completion, long reasoning) {
        assertThat(event.getEndpoint()).isEqualTo(endpoint);
        assertThat(event.getStream()).isEqualTo(stream);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.EXACT);
        assertThat(event.getPromptTokens()).isEqualTo(prompt).isPositive();
        assertThat(event.getCachedPromptTokens()).isEqualTo(cached);
        assertThat(event.getCompletionTokens()).isEqualTo(completion);
        assertThat(event.getReasoningTokens()).isEqualTo(reasoning);
        assertThat(event.getCostCredits()).isEqualTo(expectedCost(event.getModel(), prompt, cached, 0, completion, reasoning))
                .isPositive();
    }

    private static UsageRecorded onlyEvent(String user) {
        return awaitEvents(user, 1).get(0);
    }
}
