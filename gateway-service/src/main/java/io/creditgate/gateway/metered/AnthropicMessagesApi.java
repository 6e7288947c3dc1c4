package io.creditgate.gateway.metered;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.metering.GeneratedText;
import io.creditgate.gateway.metering.ImageSize;
import io.creditgate.gateway.metering.ImageTokens;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.upstream.Provider;
import io.creditgate.gateway.web.OpenAiError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API, forwarded to the Anthropic upstream with its
 * {@code x-api-key} and {@code anthropic-version}. Output limit {@code max_tokens}. Anthropic's
 * {@code input_tokens} exclude the prompt-cache reads ({@code cache_read_input_tokens}) and writes
 * ({@code cache_creation_input_tokens}); the gateway's prompt tokens are the sum of the three, each priced at
 * its own rate. A stream reports the input in {@code message_start} and the final {@code output_tokens} in
 * {@code message_delta}; a stream cut before that keeps the exact input and estimates the output.
 */
@Component
final class AnthropicMessagesApi implements Api {

    /** Client headers passed on: the API version the client speaks and the beta features it asked for. */
    private static final List<String> PASSED_HEADERS = List.of("anthropic-version", "anthropic-beta");

    @Override
    public String path() {
        return "/v1/messages";
    }

    @Override
    public String endpoint() {
        return "messages";
    }

    @Override
    public Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    public ApiRequest read(ObjectNode body) {
        String model = RequestFields.requireModel(body);
        RequestFields.requireObjects(body, "messages");
        JsonNode system = body.get("system");
        if (system != null && !system.isNull() && !system.isString() && !system.isArray()) {
            throw OpenAiError.invalidRequest("invalid_type", "'system' must be a string or an array of text blocks.",
                    "system").asException();
        }
        boolean stream = RequestFields.optionalBoolean(body, "stream");
        return new ApiRequest(body, model, stream, false, RequestFields.optionalTokenLimit(body, "max_tokens"), 1);
    }

    /**
     * An ESTIMATE (Anthropic's tokenizer is not public; the event says ESTIMATED whenever this count is charged):
     * the system prompt and each message counted like chat messages (3 tokens each, 3 to prime the reply;
     * cl100k_base stands in for Claude's tokenizer), images by Anthropic's pixels / 750, tool definitions as
     * their JSON plus the tool-use system prompt Anthropic adds and publishes per model. Measured error on
     * Anthropic's published counts: docs/metering.md.
     */
    @Override
    public long estimatePromptTokens(ApiRequest request, TokenCounter tokens) {
        String model = request.model();
        JsonNode body = request.body();
        long count = TokenCounter.REPLY_PRIMING_TOKENS;
        JsonNode system = body.path("system");
        if (system.isString() || system.isArray()) {
            count += TokenCounter.TOKENS_PER_MESSAGE + countContent(model, system, tokens);
        }
        for (JsonNode message : body.get("messages")) {
            count += TokenCounter.TOKENS_PER_MESSAGE + tokens.count(model, message.path("role").asString(""))
                    + countContent(model, message.path("content"), tokens);
        }
        JsonNode tools = body.get("tools");
        return count + tokens.countTools(model, tools) + toolUseSystemPromptTokens(model, tools, body.get("tool_choice"));
    }

    /**
     * The system prompt Anthropic adds when a request defines tools, as its tool-use pricing table publishes it
     * ("Tool use system prompt token count"): per model, one count for tool choice auto or none and one for any
     * or a named tool. Models the table does not name (newer ones) get the Claude 4 counts.
     */
    static long toolUseSystemPromptTokens(String model, JsonNode tools, JsonNode toolChoice) {
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return 0;
        }
        String choice = toolChoice == null ? "auto" : toolChoice.path("type").asString("auto");
        boolean forced = choice.equals("any") || choice.equals("tool");
        String m = model.toLowerCase(java.util.Locale.ROOT);
        if (m.startsWith("claude-3-5-haiku") || m.startsWith("claude-3-haiku")) {
            return forced ? 340 : 264;
        }
        if (m.startsWith("claude-3-opus")) {
            return forced ? 281 : 530;
        }
        if (m.startsWith("claude-3-sonnet")) {
            return forced ? 235 : 159;
        }
        return forced ? 313 : 346;
    }

    @Override
    public void capOutput(ApiRequest request, long tokens) {
        request.body().put("max_tokens", tokens);
    }

    @Override
    public HttpHeaders upstreamHeaders(HttpHeaders client) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : PASSED_HEADERS) {
            List<String> values = client.get(name);
            if (values != null && !values.isEmpty()) {
                headers.put(name, values);
            }
        }
        return headers;
    }

    @Override
    public void meterAnswer(JsonNode answer, MeteredCall call) {
        call.reportedOrNull(usage(answer.get("usage"), null));
        JsonNode content = answer.path("content");
        for (int i = 0; i < content.size(); i++) {
            addGenerated(call.generated, Integer.toString(i), content.get(i));
        }
    }

    @Override
    public boolean meterEvent(SseEvent event, MeteredCall call, ApiRequest request) {
        JsonNode data = event.data();
        if (data == null) {
            return true;
        }
        switch (event.type()) {
            case "message_start" -> {
                TokenUsage input = usage(data.path("message").get("usage"), null);
                if (input != null) {
                    call.reportedInput(input);
                }
            }
            case "content_block_start" ->
                    addGenerated(call.generated, data.path("index").asString("0"), data.path("content_block"));
            case "content_block_delta" -> {
                String block = data.path("index").asString("0");
                JsonNode delta = data.path("delta");
                call.generated.add(block + ".text", delta.path("text"));
                call.generated.add(block + ".thinking", delta.path("thinking"));
                call.generated.add(block + ".input", delta.path("partial_json"));
            }
            case "message_delta" -> call.reportedOrNull(usage(data.get("usage"), call.reportedInput()));
            case "error" -> call.upstreamReportedError();
            default -> {
                // ping, content_block_stop, message_stop: nothing to meter
            }
        }
        return true;
    }

    /** Anthropic's error event, the way its API ends a stream that failed. */
    @Override
    public byte[] midStreamError(String message, long nextSequenceNumber) {
        String event = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                + OpenAiChunks.quote(message) + "}}\n\n";
        return event.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Anthropic's {@code usage}, where a count missing (as in a {@code message_delta}, which may carry only
     * {@code output_tokens}) is taken from {@code before} (the {@code message_start}'s); null when the input
     * or output count is known nowhere.
     */
    static TokenUsage usage(JsonNode usage, TokenUsage before) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        Long input = count(usage, "input_tokens", before == null ? null : before.uncachedPromptTokens());
        Long read = count(usage, "cache_read_input_tokens", before == null ? 0L : before.cachedPromptTokens());
        Long write = count(usage, "cache_creation_input_tokens", before == null ? 0L : before.cacheWriteTokens());
        Long output = count(usage, "output_tokens", null);
        if (input == null || output == null) {
            return null;
        }
        return new TokenUsage(input + read + write, read, write, output, 0, true);
    }

    private static Long count(JsonNode usage, String field, Long fallback) {
        JsonNode value = usage.path(field);
        return value.canConvertToLong() ? Long.valueOf(Math.max(0, value.asLong())) : fallback;
    }

    /** A string, or content blocks: text, tool calls and results as text, images by Anthropic's formula. */
    private static long countContent(String model, JsonNode content, TokenCounter tokens) {
        if (content.isString()) {
            return tokens.count(model, content.stringValue());
        }
        long count = 0;
        for (JsonNode block : content) {
            switch (block.path("type").asString("")) {
                case "text" -> count += tokens.count(model, block.path("text").asString(""));
                case "tool_use" -> count += tokens.count(model, block.path("name").asString(""))
                        + tokens.count(model, block.path("input").toString());
                case "tool_result" -> count += countContent(model, block.path("content"), tokens);
                case "image" -> count += ImageTokens.anthropic(imageSize(block.path("source")));
                default -> {
                    // documents, thinking blocks of earlier turns: not estimated
                }
            }
        }
        return count;
    }

    /** The size of a base64 image source; null (assumed size) for URLs, files and unreadable data. */
    private static ImageSize imageSize(JsonNode source) {
        if (!source.path("type").asString("").equals("base64")) {
            return null;
        }
        return ImageSize.ofBase64(source.path("data").asString("")).orElse(null);
    }

    /** One content block's text, thinking, or tool name and input, each a part of the block's own. */
    private static void addGenerated(GeneratedText text, String index, JsonNode block) {
        text.add(index + ".text", block.path("text"));
        text.add(index + ".thinking", block.path("thinking"));
        if (block.path("type").asString("").endsWith("tool_use")) {
            text.add(index + ".name", block.path("name"));
            JsonNode input = block.path("input");
            // A streamed tool call starts with an empty input; its JSON arrives as partial_json deltas.
            if (input.isObject() && !input.isEmpty()) {
                text.add(index + ".input", input.toString());
            }
        }
    }
}
