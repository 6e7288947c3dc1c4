package io.creditgate.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

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
    void servesItsModelsUnderLiteLlmProviderPrefixesAndSnapshotDatesAsLiteLlmDoes() throws Exception {
        for (String model : List.of("openai/gpt-4o-mini", "gpt-4o-mini-2024-07-18", "azure/gpt-4o-mini")) {
            Response answer = post("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertThat(answer.status()).as(model).isEqualTo(200);
        }
        assertThat(post("{\"model\":\"openai/gpt-0\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").status())
                .isEqualTo(404);
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
            String stream = postRaw(silent, "/v1/responses", "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"Hi\"}", Map.of());
            assertThat(namedEvents(stream)).last().satisfies(e -> assertThat(e.data().path("response").path("usage").isNull()).isTrue());
        }
    }

    @Test
    void reconfigureSwitchesBehaviourAndResetRestoresTheStartOptions() throws Exception {
        upstream.reconfigure(upstream.options().withReportUsage(false));
        assertThat(post(CHAT_HI).body().has("usage")).isFalse();

        upstream.reset();

        assertThat(post(CHAT_HI).body().has("usage")).isTrue();
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void reportsCachedAndReasoningTokensWhenAsked() throws Exception {
        upstream.reconfigure(upstream.options().withCachedPromptTokens(5).withReasoningTokens(7));
        try {
            JsonNode usage = post(CHAT_HI).body().path("usage");
            String text = post(CHAT_HI).body().at("/choices/0/message/content").asString();
            assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(5);
            assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(7);
            assertThat(usage.path("completion_tokens").asLong())
                    .isEqualTo(7 + DemoTokens.encodingFor("gpt-4o").countTokensOrdinary(text));
        } finally {
            upstream.reset();
        }
    }

    @Test
    void reasoningCountsAgainstTheOutputLimit() throws Exception {
        upstream.reconfigure(upstream.options().withReasoningTokens(7));
        try {
            JsonNode body = post("{\"model\":\"gpt-5-mini\",\"max_completion_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").body();
            assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(10);
            assertThat(body.at("/usage/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(7);
            assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("length");
        } finally {
            upstream.reset();
        }
    }

    @Test
    void callsTheToolTheRequestForcesAndCountsItsNameAndArguments() throws Exception {
        JsonNode body = post("{\"model\":\"gpt-4o\",\"tools\":" + TOOLS + ",\"tool_choice\":\"required\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}]}").body();
        JsonNode call = body.at("/choices/0/message/tool_calls/0");
        assertThat(call.at("/function/name").asString()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.at("/function/arguments").asString()).path("request").asString()).isEqualTo("Weather in Oslo?");
        assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(tokens("gpt-4o", "get_weather")
                + tokens("gpt-4o", call.at("/function/arguments").asString()));
        long withoutTools = post("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}]}")
                .body().at("/usage/prompt_tokens").asLong();
        assertThat(body.at("/usage/prompt_tokens").asLong())
                .isEqualTo(withoutTools + tokens("gpt-4o", JSON.readTree(TOOLS).toString()));
    }

    @Test
    void streamsAToolCallAsArgumentDeltas() throws Exception {
        upstream.reconfigure(upstream.options().withToolCalls(true));
        try {
            List<String> events = events(postRaw("{\"model\":\"gpt-4o\",\"stream\":true,\"tools\":" + TOOLS
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"Oslo\"}]}"));
            StringBuilder arguments = new StringBuilder();
            events.stream().filter(e -> !e.equals("[DONE]")).map(JSON::readTree).forEach(chunk -> arguments.append(
                    chunk.at("/choices/0/delta/tool_calls/0/function/arguments").asString("")));
            assertThat(JSON.readTree(events.get(0)).at("/choices/0/delta/tool_calls/0/function/name").asString()).isEqualTo("get_weather");
            assertThat(JSON.readTree(arguments.toString()).path("request").asString()).isEqualTo("Oslo");
        } finally {
            upstream.reset();
        }
    }

    @Test
    void countsImagesByOpenAisTileFormula() throws Exception {
        String text = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"}]}]}";
        long textOnly = post(text).body().at("/usage/prompt_tokens").asLong();
        // 1200 x 800, high detail: fits 2048; shortest side 800 -> 768 gives 1152 x 768: 3 x 2 tiles = 85 + 6 x 170.
        String high = text.replace("}]}]}", "},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + pngDataUrl(1200, 800)
                + "\",\"detail\":\"high\"}}]}]}");
        String low = high.replace("\"high\"", "\"low\"");
        String remote = text.replace("}]}]}", "},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}");

        assertThat(post(high).body().at("/usage/prompt_tokens").asLong()).isEqualTo(textOnly + 85 + 6 * 170);
        assertThat(post(low).body().at("/usage/prompt_tokens").asLong()).isEqualTo(textOnly + 85);
        // A remote image counts as 1024 x 1024: 768 x 768, 2 x 2 tiles.
        assertThat(post(remote).body().at("/usage/prompt_tokens").asLong()).isEqualTo(textOnly + 85 + 4 * 170);
    }

    @Test
    void readsTheSizeOfJpegImages() throws Exception {
        assertThat(DemoUpstreamImages.sizeOf(imageBytes(640, 480, "jpg"))).containsExactly(640, 480);
        assertThat(DemoUpstreamImages.sizeOf(imageBytes(33, 2100, "png"))).containsExactly(33, 2100);
        assertThat(DemoUpstreamImages.sizeOf(new byte[] {1, 2, 3})).containsExactly(1024, 1024);
    }

    @Test
    void completionsCountThePromptAndDefaultTo16OutputTokens() throws Exception {
        JsonNode body = post("/v1/completions", "{\"model\":\"gpt-4o-mini\",\"prompt\":\"Say this is a test\"}").body();
        assertThat(body.path("object").asString()).isEqualTo("text_completion");
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(tokens("gpt-4o-mini", "Say this is a test"));
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(16);
        assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("length");
        assertThat(tokens("gpt-4o-mini", body.at("/choices/0/text").asString())).isEqualTo(16);
    }

    @Test
    void completionsAnswerEveryPromptNTimes() throws Exception {
        JsonNode body = post("/v1/completions", "{\"model\":\"gpt-4o-mini\",\"n\":2,\"max_tokens\":5,\"prompt\":[\"One\",\"Two\",[1,2,3]]}").body();
        assertThat(body.path("choices")).hasSize(6);
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(tokens("gpt-4o-mini", "One") + tokens("gpt-4o-mini", "Two") + 3);
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(30);
    }

    @Test
    void completionsStreamEndsWithTheUsageChunkOnlyWhenAsked() throws Exception {
        String plain = postRaw(upstream, "/v1/completions", "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":50,\"prompt\":\"Hi\"}", Map.of());
        String withUsage = postRaw(upstream, "/v1/completions", "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":50,"
                + "\"stream_options\":{\"include_usage\":true},\"prompt\":\"Hi\"}", Map.of());
        assertThat(events(plain)).last().isEqualTo("[DONE]");
        assertThat(events(plain)).noneMatch(e -> e.contains("\"usage\""));
        List<String> usageEvents = events(withUsage);
        JsonNode usage = JSON.readTree(usageEvents.get(usageEvents.size() - 2)).path("usage");
        StringBuilder text = new StringBuilder();
        events(plain).stream().filter(e -> !e.equals("[DONE]")).map(JSON::readTree)
                .forEach(chunk -> text.append(chunk.at("/choices/0/text").asString("")));
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(tokens("gpt-4o-mini", text.toString()));
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(tokens("gpt-4o-mini", "Hi"));
    }

    @Test
    void embeddingsCountEveryInputAndEncodeUnitVectors() throws Exception {
        JsonNode floats = post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"dimensions\":8,\"input\":[\"Hello world\",\"Bye\"]}").body();
        assertThat(floats.at("/usage/prompt_tokens").asLong()).isEqualTo(tokens("text-embedding-3-small", "Hello world") + tokens("text-embedding-3-small", "Bye"));
        assertThat(floats.at("/usage/total_tokens").asLong()).isEqualTo(floats.at("/usage/prompt_tokens").asLong());
        assertThat(floats.path("data")).hasSize(2);
        double norm = 0;
        for (JsonNode value : floats.at("/data/0/embedding")) {
            norm += value.asDouble() * value.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        JsonNode base64 = post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"encoding_format\":\"base64\",\"input\":\"Hello world\"}").body();
        byte[] bytes = java.util.Base64.getDecoder().decode(base64.at("/data/0/embedding").asString());
        assertThat(bytes).hasSize(1536 * 4);
        Response chatModel = post("/v1/embeddings", "{\"model\":\"gpt-4o\",\"input\":\"x\"}");
        assertThat(chatModel.status()).isEqualTo(404);
    }

    @Test
    void responsesAnswerWithAMessageAndTheirOwnUsageNames() throws Exception {
        upstream.reconfigure(upstream.options().withCachedPromptTokens(4).withReasoningTokens(3));
        try {
            JsonNode body = post("/v1/responses", "{\"model\":\"gpt-5-mini\",\"instructions\":\"Be brief.\",\"input\":\"Hello there\"}").body();
            assertThat(body.path("object").asString()).isEqualTo("response");
            assertThat(body.path("status").asString()).isEqualTo("completed");
            JsonNode message = body.at("/output/1");
            assertThat(body.at("/output/0/type").asString()).isEqualTo("reasoning");
            String text = message.at("/content/0/text").asString();
            assertThat(text).startsWith("You said: \"Hello there\"");
            JsonNode usage = body.path("usage");
            // instructions and input, each like a chat message (3 + text), and 3 to prime the reply
            assertThat(usage.path("input_tokens").asLong()).isEqualTo(3 + tokens("gpt-5-mini", "Be brief.") + 3
                    + tokens("gpt-5-mini", "Hello there") + 3);
            assertThat(usage.at("/input_tokens_details/cached_tokens").asLong()).isEqualTo(4);
            assertThat(usage.at("/output_tokens_details/reasoning_tokens").asLong()).isEqualTo(3);
            assertThat(usage.path("output_tokens").asLong()).isEqualTo(3 + tokens("gpt-5-mini", text));
        } finally {
            upstream.reset();
        }
    }

    @Test
    void responsesStreamNamedEventsInSequenceAndEndIncompleteWhenCut() throws Exception {
        List<NamedEvent> events = namedEvents(postRaw(upstream, "/v1/responses",
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_output_tokens\":16,\"input\":[{\"role\":\"user\",\"content\":\"Go on\"}]}", Map.of()));
        assertThat(events.get(0).name()).isEqualTo("response.created");
        assertThat(events).allSatisfy(e -> assertThat(e.data().path("type").asString()).isEqualTo(e.name()));
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).data().path("sequence_number").asInt()).isEqualTo(i);
        }
        NamedEvent last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("response.incomplete");
        assertThat(last.data().at("/response/incomplete_details/reason").asString()).isEqualTo("max_output_tokens");
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("response.output_text.delta")).forEach(e -> text.append(e.data().path("delta").asString()));
        assertThat(last.data().at("/response/usage/output_tokens").asLong()).isEqualTo(16).isEqualTo(tokens("gpt-4o-mini", text.toString()));
    }

    @Test
    void responsesCallFunctionToolsNamedInToolChoice() throws Exception {
        String tools = "[{\"type\":\"function\",\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}]";
        JsonNode body = post("/v1/responses", "{\"model\":\"gpt-4o\",\"tools\":" + tools
                + ",\"tool_choice\":{\"type\":\"function\",\"name\":\"lookup\"},\"input\":\"Find it\"}").body();
        JsonNode call = body.at("/output/0");
        assertThat(call.path("type").asString()).isEqualTo("function_call");
        assertThat(call.path("name").asString()).isEqualTo("lookup");
        assertThat(body.at("/usage/output_tokens").asLong()).isEqualTo(tokens("gpt-4o", "lookup") + tokens("gpt-4o", call.path("arguments").asString()));
    }

    @Test
    void messagesSpeakAnthropicsFormatWithCacheReadsAndWritesApart() throws Exception {
        upstream.reconfigure(upstream.options().withCachedPromptTokens(5).withCacheWriteTokens(6));
        try {
            Response response = postAnthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":200,\"system\":\"Be brief.\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello Claude\"}]}");
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.body();
            assertThat(body.path("type").asString()).isEqualTo("message");
            assertThat(body.path("stop_reason").asString()).isEqualTo("end_turn");
            String text = body.at("/content/0/text").asString();
            long input = 3 + tokens("claude-sonnet-4-5", "Be brief.") + 3 + tokens("claude-sonnet-4-5", "user")
                    + tokens("claude-sonnet-4-5", "Hello Claude") + 3;
            JsonNode usage = body.path("usage");
            assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(5);
            assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(6);
            assertThat(usage.path("input_tokens").asLong()).isEqualTo(input - 11);
            assertThat(usage.path("output_tokens").asLong()).isEqualTo(tokens("claude-sonnet-4-5", text));
        } finally {
            upstream.reset();
        }
    }

    @Test
    void messagesStreamCarriesInputInMessageStartAndOutputInMessageDelta() throws Exception {
        List<NamedEvent> events = namedEvents(postRaw(upstream, "/v1/messages", "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":8,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", Map.of("anthropic-version", "2023-06-01")));
        assertThat(events).extracting(NamedEvent::name).startsWith("message_start", "content_block_start", "ping")
                .endsWith("content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(0).data().at("/message/usage/input_tokens").asLong()).isPositive();
        NamedEvent delta = events.get(events.size() - 2);
        assertThat(delta.data().at("/usage/output_tokens").asLong()).isEqualTo(8);
        assertThat(delta.data().at("/delta/stop_reason").asString()).isEqualTo("max_tokens");
    }

    @Test
    void messagesCallToolsAsToolUseBlocks() throws Exception {
        String tools = "[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]";
        JsonNode body = postAnthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"tools\":" + tools
                + ",\"tool_choice\":{\"type\":\"any\"},\"messages\":[{\"role\":\"user\",\"content\":\"Oslo\"}]}").body();
        assertThat(body.at("/content/0/type").asString()).isEqualTo("tool_use");
        assertThat(body.at("/content/0/input/request").asString()).isEqualTo("Oslo");
        assertThat(body.path("stop_reason").asString()).isEqualTo("tool_use");
    }

    @Test
    void messagesRefuseInAnthropicsShape() throws Exception {
        HttpResponse<String> noVersion = HTTP.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noVersion.body()).path("type").asString()).isEqualTo("error");
        Response noMaxTokens = postAnthropic("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(noMaxTokens.status()).isEqualTo(400);
        assertThat(noMaxTokens.body().at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(noMaxTokens.body().at("/error/message").asString()).contains("max_tokens");
        Response unknown = postAnthropic("{\"model\":\"claude-0\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/error/type").asString()).isEqualTo("not_found_error");
    }

    @Test
    void recordsTheHeadersOfEachRequest() throws Exception {
        postAnthropic("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        DemoUpstream.RecordedRequest request = upstream.requests().get(upstream.requests().size() - 1);
        assertThat(request.header("Anthropic-Version")).isEqualTo("2023-06-01");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(request.path()).isEqualTo("/v1/messages");
    }

    static final String CHAT_HI = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather of a city\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";

    record NamedEvent(String name, JsonNode data) {
    }

    static List<NamedEvent> namedEvents(String sse) {
        List<NamedEvent> events = new java.util.ArrayList<>();
        for (String block : sse.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null && data != null) {
                events.add(new NamedEvent(name, JSON.readTree(data)));
            }
        }
        return events;
    }

    static long tokens(String model, String text) {
        return DemoTokens.encodingFor(model).countTokensOrdinary(text);
    }

    static byte[] imageBytes(int width, int height, String format) throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static String pngDataUrl(int width, int height) throws Exception {
        return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(imageBytes(width, height, "png"));
    }

    static Response postAnthropic(String body) throws Exception {
        String raw = postRaw(upstream, "/v1/messages", body, Map.of("anthropic-version", "2023-06-01", "x-api-key", "sk-ant-test"));
        return new Response(lastStatus, JSON.readTree(raw));
    }

    static Response post(String path, String body) throws Exception {
        String raw = postRaw(upstream, path, body, Map.of());
        return new Response(lastStatus, JSON.readTree(raw));
    }

    static volatile int lastStatus;

    static String postRaw(DemoUpstream target, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        lastStatus = response.statusCode();
        return response.body();
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
