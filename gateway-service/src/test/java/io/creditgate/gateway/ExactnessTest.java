package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import tools.jackson.databind.JsonNode;

/**
 * The exactness cases of issue 3, each asserting the tokens charged and the credits: several choices, tool
 * calls and definitions, cached and reasoning tokens at their own rates, images estimated by OpenAI's tile
 * formula, and a provider that never reports usage on every endpoint, streaming and not.
 *
 * <p>Where the gateway has to estimate, the oracle is the demo upstream's exact report for the very same
 * request: the demo counts as the providers bill (its own implementation), so "estimated" must equal "billed"
 * for plain text.
 */
class ExactnessTest extends GatewayTestBase {

    private static final String TOOLS = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"The weather of a city\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]";
    private static final Map<String, String> ANTHROPIC = Map.of("anthropic-version", "2023-06-01");
    private static final TokenCounter PROMPTS = new TokenCounter();

    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @AfterEach
    void restoreUpstream() {
        DEMO.reset();
    }

    // --- n > 1 ---

    @Test
    void everyChoiceOfACallWithSeveralIsCharged() {
        String user = newUser();

        HttpResponse<String> response = post(user, chat("gpt-4o-mini", "Three ways to say hi", ",\"n\":3"));

        JsonNode answer = json(response.body());
        assertThat(answer.get("choices")).hasSize(3);
        long perChoice = o200k(answer.at("/choices/0/message/content").asString());
        UsageRecorded event = onlyEvent(user);
        assertThat(event.getCompletionTokens()).isEqualTo(3 * perChoice).isEqualTo(answer.at("/usage/completion_tokens").asLong());
        assertCharged(event, UsageSource.EXACT, answer.at("/usage/prompt_tokens").asLong(), 0, 3 * perChoice, 0);
    }

    @Test
    void everyStreamedChoiceIsEstimatedWhenTheProviderReportsNoUsage() {
        String user = newUser();
        DEMO.reconfigure(DEMO.options().withReportUsage(false));

        HttpResponse<String> response = post(user, stream(chat("gpt-4o-mini", "Three ways to say hi", ",\"n\":3")));

        StringBuilder[] texts = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        for (JsonNode chunk : dataOf(response.body())) {
            for (JsonNode choice : chunk.path("choices")) {
                texts[choice.path("index").asInt()].append(choice.at("/delta/content").asString(""));
            }
        }
        long generated = o200k(texts[0].toString()) + o200k(texts[1].toString())
                + o200k(texts[2].toString());
        UsageRecorded event = onlyEvent(user);
        assertCharged(event, UsageSource.ESTIMATED, exactPromptOf("/v1/chat/completions",
                stream(chat("gpt-4o-mini", "Three ways to say hi", ",\"n\":3"))), 0, generated, 0);
        assertThat(generated).isGreaterThan(3);
    }

    /** The reservation covers every choice, so the affordable output is shared among them. */
    @Test
    void theOutputCapIsSharedAmongTheChoices() {
        String user = newUser();
        String body = chat("gpt-4o", "Hi", ",\"n\":4");
        long prompt = exactPromptOf("/v1/chat/completions", body);
        // The prompt and 4 choices of 10 output tokens each, at gpt-4o's 2.50 and 10.00 credits a token.
        setBalance(user, (long) Math.ceil(prompt * 2.5) + 4 * 10 * 10);

        HttpResponse<String> response = post(user, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(DEMO.requestBodies().get(DEMO.requestCount() - 1)).get("max_completion_tokens").asLong()).isEqualTo(10);
        UsageRecorded event = onlyEvent(user);
        assertCharged(event, UsageSource.EXACT, prompt, 0, 40, 0);
    }

    // --- tool calls and tool definitions ---

    @Test
    void toolDefinitionsAndTheToolCallAreCharged() {
        String user = newUser();
        String body = chat("gpt-4o", "Weather in Oslo?", ",\"tools\":" + TOOLS + ",\"tool_choice\":\"required\"");

        JsonNode answer = json(post(user, body).body());

        JsonNode call = answer.at("/choices/0/message/tool_calls/0/function");
        assertThat(call.get("name").asString()).isEqualTo("get_weather");
        long callTokens = o200k("get_weather") + o200k(call.get("arguments").asString());
        long withoutTools = exactPromptOf("/v1/chat/completions", chat("gpt-4o", "Weather in Oslo?", ""));
        long toolTokens = o200k(json(TOOLS).toString());
        UsageRecorded event = onlyEvent(user);
        assertCharged(event, UsageSource.EXACT, withoutTools + toolTokens, 0, callTokens, 0);
        assertThat(event.getPromptTokens()).isEqualTo(answer.at("/usage/prompt_tokens").asLong());
    }

    @Test
    void aStreamedToolCallIsEstimatedFromItsNameAndArgumentsWhenNoUsageComes() {
        String user = newUser();
        String body = stream(chat("gpt-4o", "Weather in Oslo?", ",\"tools\":" + TOOLS + ",\"tool_choice\":\"required\""));
        // The demo bills tool definitions as their JSON; the gateway counts them as OpenAI renders them
        // (docs/metering.md), checked against published counts in PublishedPromptCountsTest.
        long openAiPrompt = PROMPTS.countChatPrompt("gpt-4o", json(body));
        DEMO.reconfigure(DEMO.options().withReportUsage(false));

        HttpResponse<String> response = post(user, body);

        StringBuilder arguments = new StringBuilder();
        dataOf(response.body()).forEach(chunk ->
                arguments.append(chunk.at("/choices/0/delta/tool_calls/0/function/arguments").asString("")));
        assertThat(json(arguments.toString()).get("request").asString()).isEqualTo("Weather in Oslo?");
        long callTokens = o200k("get_weather") + o200k(arguments.toString());
        assertCharged(onlyEvent(user), UsageSource.ESTIMATED, openAiPrompt, 0, callTokens, 0);
    }

    /** A follow-up turn carries the assistant's tool call and the tool's result: both are prompt tokens. */
    @Test
    void toolCallsAndResultsInThePromptAreEstimatedAsBilled() {
        String body = "{\"model\":\"gpt-4o\",\"tools\":" + TOOLS + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather in Oslo?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"Sunny, 21 degrees\"}]}";
        // The demo bills tool definitions as their JSON and a call without its 3 tokens of framing; the gateway
        // counts as OpenAI does (docs/metering.md). The call and the result are in the count either way.
        long openAiPrompt = PROMPTS.countChatPrompt("gpt-4o", json(body));
        assertThat(openAiPrompt).isGreaterThan(PROMPTS.countChatPrompt("gpt-4o", json("{\"tools\":" + TOOLS
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}]}"))
                + o200k("get_weather") + o200k("Sunny, 21 degrees"));
        String user = newUser();
        DEMO.reconfigure(DEMO.options().withReportUsage(false));

        JsonNode answer = json(post(user, body).body());

        long completion = o200k(answer.at("/choices/0/message/content").asString());
        assertCharged(onlyEvent(user), UsageSource.ESTIMATED, openAiPrompt, 0, completion, 0);
    }

    // --- cached and reasoning tokens at their own rates ---

    @Test
    void cachedAndReasoningTokensArePricedAtTheirOwnRates() {
        String user = newUser();
        DEMO.reconfigure(DEMO.options().withCachedPromptTokens(9).withReasoningTokens(25));

        JsonNode answer = json(post(user, chat("gpt-5-mini", "Think first, then answer", "")).body());

        long visible = o200k(answer.at("/choices/0/message/content").asString());
        UsageRecorded event = onlyEvent(user);
        assertThat(event.getCachedPromptTokens()).isEqualTo(9);
        assertThat(event.getReasoningTokens()).isEqualTo(25);
        assertCharged(event, UsageSource.EXACT, answer.at("/usage/prompt_tokens").asLong(), 9, visible + 25, 25);
        // gpt-5-mini: uncached 0.25, cached 0.025, output 2.00, reasoning 2.50 (test rate) credits a token.
        long prompt = event.getPromptTokens();
        assertThat(event.getCostCredits()).isEqualTo((long) Math.ceil((prompt - 9) * 0.25 + 9 * 0.025 + visible * 2.0 + 25 * 2.5));
    }

    @Test
    void responsesApiCachedAndReasoningTokensArePricedAtTheirOwnRatesStreamingToo() {
        String user = newUser();
        DEMO.reconfigure(DEMO.options().withCachedPromptTokens(6).withReasoningTokens(12));

        HttpResponse<String> response = post("/v1/responses", user,
                "{\"model\":\"gpt-5-mini\",\"stream\":true,\"instructions\":\"Be brief.\",\"input\":\"Why is the sky blue?\"}");

        JsonNode usage = lastNamed(response.body(), "response.completed").at("/response/usage");
        assertThat(usage.at("/input_tokens_details/cached_tokens").asLong()).isEqualTo(6);
        UsageRecorded event = onlyEvent(user);
        assertThat(event.getEndpoint()).isEqualTo("responses");
        assertCharged(event, UsageSource.EXACT, usage.get("input_tokens").asLong(), 6, usage.get("output_tokens").asLong(), 12);
    }

    // --- images ---

    @Test
    void imagesAreEstimatedByOpenAisTileFormulaWhenNoUsageComes() {
        String textOnly = imageChat("");
        long textPrompt = exactPromptOf("/v1/chat/completions", textOnly);
        DEMO.reconfigure(DEMO.options().withReportUsage(false));

        // 1200 x 800 high: fits 2048; shortest side 800 -> 768, so 1152 x 768: 3 x 2 tiles = 85 + 6 x 170 = 1105.
        assertEstimatedPrompt(imageChat(image(pngDataUrl(1200, 800), "high")), textPrompt + 1105);
        // 1600 x 600 JPEG, auto (priced as high): fits 2048; shortest side 600 stays: 4 x 2 tiles = 85 + 8 x 170 = 1445.
        assertEstimatedPrompt(imageChat(image(jpegDataUrl(1600, 600), "auto")), textPrompt + 1445);
        // 3000 x 1000 with no detail (auto): fits 2048 as 2048 x 683; shortest side under 768: 4 x 2 tiles = 1445.
        assertEstimatedPrompt(imageChat(image(pngDataUrl(3000, 1000), null)), textPrompt + 1445);
        // Low detail: 85 whatever the size.
        assertEstimatedPrompt(imageChat(image(pngDataUrl(3000, 3000), "low")), textPrompt + 85);
        // A remote image is not fetched: assumed 1024 x 1024 at high detail, 768 x 768: 2 x 2 tiles = 765.
        assertEstimatedPrompt(imageChat(image("https://example.com/photo.jpg", null)), textPrompt + 765);
    }

    @Test
    void imagesInAResponsesInputAreEstimatedTheSameWay() {
        String textOnly = "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"What is in this picture?\"}]}]}";
        long textPrompt = exactPromptOf("/v1/responses", textOnly);
        String withImage = textOnly.replace("}]}]}", "},{\"type\":\"input_image\",\"image_url\":\""
                + pngDataUrl(512, 512) + "\",\"detail\":\"high\"}]}]}");
        String user = newUser();
        DEMO.reconfigure(DEMO.options().withReportUsage(false));

        post("/v1/responses", user, withImage);

        // 512 x 512 high: one tile, 85 + 170.
        assertThat(onlyEvent(user).getPromptTokens()).isEqualTo(textPrompt + 255);
    }

    // --- a provider that never reports usage, on every endpoint ---

    @Test
    void chatWithoutUsageIsEstimatedAsBilledStreamingOrNot() {
        assertEstimatedAsBilled("/v1/chat/completions", chat("gpt-4.1-mini", "Estimate me", ""), Map.of());
        assertEstimatedAsBilled("/v1/chat/completions", stream(chat("gpt-4.1-mini", "Estimate me", "")), Map.of());
    }

    @Test
    void completionsWithoutUsageAreEstimatedAsBilledStreamingOrNot() {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":400,\"prompt\":\"Once upon a time\"}";
        assertEstimatedAsBilled("/v1/completions", body, Map.of());
        assertEstimatedAsBilled("/v1/completions", stream(body), Map.of());
    }

    @Test
    void embeddingsWithoutUsageAreEstimatedAsBilled() {
        assertEstimatedAsBilled("/v1/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"The food was delicious\",\"and the waiter\",[1,2,3]]}",
                Map.of());
    }

    @Test
    void responsesWithoutUsageAreEstimatedAsBilledStreamingOrNot() {
        String body = "{\"model\":\"gpt-4o\",\"instructions\":\"Be brief.\",\"input\":[{\"role\":\"user\",\"content\":\"Tell me\"}]}";
        assertEstimatedAsBilled("/v1/responses", body, Map.of());
        assertEstimatedAsBilled("/v1/responses", stream(body), Map.of());
    }

    @Test
    void messagesWithoutUsageAreEstimatedAsBilledStreamingOrNot() {
        String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":300,\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me\"}]}";
        assertEstimatedAsBilled("/v1/messages", body, ANTHROPIC);
        assertEstimatedAsBilled("/v1/messages", stream(body), ANTHROPIC);
    }

    /**
     * Runs the same call twice, with usage reported and without: the second is charged ESTIMATED, with exactly
     * the tokens the provider billed the first, at the same price.
     */
    private void assertEstimatedAsBilled(String path, String body, Map<String, String> headers) {
        DEMO.reconfigure(DEMO.options().withReportUsage(true));
        UsageRecorded billed = callAs(newUser(), path, body, headers, false);
        DEMO.reconfigure(DEMO.options().withReportUsage(false));
        String user = newUser();

        UsageRecorded estimated = callAs(user, path, body, headers);

        assertThat(billed.getUsageSource()).isEqualTo(UsageSource.EXACT);
        assertThat(estimated.getUsageSource()).as(path).isEqualTo(UsageSource.ESTIMATED);
        assertThat(estimated.getOutcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(estimated.getPromptTokens()).as("prompt tokens of %s", body).isEqualTo(billed.getPromptTokens()).isPositive();
        assertThat(estimated.getCompletionTokens()).as("completion tokens of %s", body).isEqualTo(billed.getCompletionTokens());
        assertThat(estimated.getCostCredits()).isEqualTo(billed.getCostCredits()).isPositive();
        assertPricedExactly(estimated);
        assertThat(pending(user)).containsEntry(estimated.getEventId(), Long.toString(estimated.getCostCredits()));
    }

    private UsageRecorded callAs(String user, String path, String body, Map<String, String> extraHeaders) {
        return callAs(user, path, body, extraHeaders, true);
    }

    /** Calls as the user; waits for exactly one event, or (for a call made only to learn the billed usage) the first. */
    private UsageRecorded callAs(String user, String path, String body, Map<String, String> extraHeaders, boolean once) {
        Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
        headers.put("Authorization", "Bearer " + SERVICE_KEY);
        headers.put("X-User-Id", user);
        HttpResponse<String> response = post(path, headers, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return once ? onlyEvent(user) : firstEvent(user);
    }

    /** The prompt tokens the upstream bills for a request, asked of it with usage reported. */
    private long exactPromptOf(String path, String body) {
        var saved = DEMO.options();
        DEMO.reconfigure(saved.withReportUsage(true));
        UsageRecorded event = callAs(newUser(), path, body, Map.of(), false);
        DEMO.reconfigure(saved);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.EXACT);
        return event.getPromptTokens();
    }

    private void assertEstimatedPrompt(String body, long expectedPrompt) {
        String user = newUser();
        JsonNode answer = json(post(user, body).body());
        long completion = o200k(answer.at("/choices/0/message/content").asString());
        assertCharged(onlyEvent(user), UsageSource.ESTIMATED, expectedPrompt, 0, completion, 0);
    }

    private static void assertCharged(UsageRecorded event, UsageSource source, long prompt, long cached, long completion,
                                      long reasoning) {
        assertThat(event.getUsageSource()).isEqualTo(source);
        assertThat(event.getPromptTokens()).as("prompt tokens").isEqualTo(prompt);
        assertThat(event.getCachedPromptTokens()).as("cached tokens").isEqualTo(cached);
        assertThat(event.getCompletionTokens()).as("completion tokens").isEqualTo(completion);
        assertThat(event.getReasoningTokens()).as("reasoning tokens").isEqualTo(reasoning);
        assertThat(event.getCostCredits()).as("credits")
                .isEqualTo(expectedCost(event.getModel(), prompt, cached, 0, completion, reasoning)).isPositive();
    }

    private static UsageRecorded onlyEvent(String user) {
        return awaitEvents(user, 1).get(0);
    }

    private static String chat(String model, String text, String moreFields) {
        return "{\"model\":\"" + model + "\"" + moreFields + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static String stream(String body) {
        return body.replaceFirst("\\{", "{\"stream\":true,");
    }

    private static String imageChat(String imagePart) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"What is in this picture?\"}" + imagePart + "]}]}";
    }

    private static String image(String url, String detail) {
        return ",{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\""
                + (detail != null ? ",\"detail\":\"" + detail + "\"" : "") + "}}";
    }

    static String pngDataUrl(int width, int height) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(imageBytes(width, height, "png"));
    }

    static String jpegDataUrl(int width, int height) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(imageBytes(width, height, "jpg"));
    }

    static byte[] imageBytes(int width, int height, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON data of every event of an OpenAI chat or completions stream, {@code [DONE]} left out. */
    static List<JsonNode> dataOf(String stream) {
        return events(stream).stream().map(event -> event.substring(event.indexOf("data: ") + 6))
                .filter(data -> data.startsWith("{")).map(GatewayTestBase::json).toList();
    }

    /** The data of the last event of that name in a stream of named events. */
    static JsonNode lastNamed(String stream, String name) {
        JsonNode last = null;
        for (String event : events(stream)) {
            if (event.startsWith("event: " + name + "\n")) {
                last = json(event.substring(event.indexOf("data: ") + 6));
            }
        }
        assertThat(last).as("event %s in %s", name, stream).isNotNull();
        return last;
    }

}
