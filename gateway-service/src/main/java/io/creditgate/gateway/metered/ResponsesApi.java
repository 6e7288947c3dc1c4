package io.creditgate.gateway.metered;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.creditgate.gateway.metering.GeneratedText;
import io.creditgate.gateway.metering.ImageTokens;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.web.OpenAiError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API: {@code instructions} and {@code input} (a string or
 * input items), output limit {@code max_output_tokens}. Usage ({@code input_tokens},
 * {@code input_tokens_details.cached_tokens}, {@code output_tokens}, {@code output_tokens_details.reasoning_tokens})
 * comes in the response, or in a stream's last event ({@code response.completed}, {@code response.incomplete}
 * or {@code response.failed}); streams always carry it, so nothing is added or hidden.
 */
@Component
final class ResponsesApi implements Api {

    /** OpenAI refuses a smaller {@code max_output_tokens}, so the output cap never goes below it. */
    static final long MIN_OUTPUT_TOKENS = 16;

    /** The fields of an input item that hold what the model reads: messages, tool calls and their output. */
    private static final String[] ITEM_FIELDS = {"role", "content", "name", "arguments", "output"};
    private static final Set<String> DELTAS = Set.of("response.output_text.delta", "response.refusal.delta",
            "response.function_call_arguments.delta", "response.reasoning_summary_text.delta",
            "response.reasoning_text.delta", "response.custom_tool_call_input.delta");
    private static final Set<String> FINAL_EVENTS = Set.of("response.completed", "response.incomplete", "response.failed");

    @Override
    public String path() {
        return "/v1/responses";
    }

    @Override
    public String endpoint() {
        return "responses";
    }

    @Override
    public ApiRequest read(ObjectNode body) {
        String model = RequestFields.requireModel(body);
        RequestFields.optionalTextOrArray(body, "input", "a string or an array of input items");
        JsonNode instructions = body.get("instructions");
        if (instructions != null && !instructions.isNull() && !instructions.isString()) {
            throw OpenAiError.invalidRequest("invalid_type", "'instructions' must be a string.", "instructions")
                    .asException();
        }
        boolean stream = RequestFields.optionalBoolean(body, "stream");
        return new ApiRequest(body, model, stream, false, RequestFields.optionalTokenLimit(body, "max_output_tokens"), 1);
    }

    /**
     * The instructions and every input item counted like chat messages (3 tokens each, 3 to prime the reply),
     * images by the model's image formula, function tools in OpenAI's TypeScript rendering as a system message
     * of their own (the Responses API publishes no overhead of its own; an estimate). A conversation continued with
     * {@code previous_response_id} is not seen here: its earlier turns are billed on top (the usage says so).
     */
    @Override
    public long estimatePromptTokens(ApiRequest request, TokenCounter tokens) {
        String model = request.model();
        JsonNode body = request.body();
        long count = TokenCounter.REPLY_PRIMING_TOKENS;
        if (body.path("instructions").isString()) {
            count += TokenCounter.TOKENS_PER_MESSAGE + tokens.count(model, body.path("instructions").stringValue());
        }
        JsonNode input = body.path("input");
        if (input.isString()) {
            count += TokenCounter.TOKENS_PER_MESSAGE + tokens.count(model, input.stringValue());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                count += TokenCounter.TOKENS_PER_MESSAGE;
                for (String field : ITEM_FIELDS) {
                    count += countContent(model, item.path(field), tokens);
                }
            }
        }
        return count + tokens.countOpenAiTools(model, body.get("tools"));
    }

    @Override
    public void capOutput(ApiRequest request, long tokens) {
        request.body().put("max_output_tokens", Math.max(tokens, MIN_OUTPUT_TOKENS));
    }

    @Override
    public void meterAnswer(JsonNode answer, MeteredCall call) {
        call.reportedOrNull(usage(answer.get("usage")));
        JsonNode output = answer.path("output");
        for (int i = 0; i < output.size(); i++) {
            addGenerated(call.generated, Integer.toString(i), output.get(i));
        }
    }

    @Override
    public boolean meterEvent(SseEvent event, MeteredCall call, ApiRequest request) {
        JsonNode data = event.data();
        if (data == null) {
            return true;
        }
        String type = event.type();
        // Text deltas carry content_index, reasoning summaries summary_index: each piece its own part.
        JsonNode piece = data.has("summary_index") ? data.path("summary_index") : data.path("content_index");
        String part = data.path("output_index").asString("0") + "." + piece.asString("0");
        if (DELTAS.contains(type)) {
            call.generated.add(part + "." + type, data.path("delta"));
        } else if (type.equals("response.output_item.added")) {
            call.generated.add(part + ".name", data.path("item").path("name"));
        } else if (FINAL_EVENTS.contains(type)) {
            call.reportedOrNull(usage(data.path("response").get("usage")));
        }
        if (type.equals("error") || type.equals("response.failed")) {
            call.upstreamReportedError();
        }
        return true;
    }

    /** The Responses API's own error event, numbered after the last event the client received. */
    @Override
    public byte[] midStreamError(String message, long nextSequenceNumber) {
        String event = "event: error\ndata: {\"type\":\"error\",\"code\":\"upstream_unavailable\",\"message\":"
                + OpenAiChunks.quote(message) + ",\"param\":null,\"sequence_number\":" + nextSequenceNumber + "}\n\n";
        return event.getBytes(StandardCharsets.UTF_8);
    }

    /** The usage of a response, or null when missing or lacking the two required counts. */
    static TokenUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode input = usage.path("input_tokens");
        JsonNode output = usage.path("output_tokens");
        if (!input.canConvertToLong() || !output.canConvertToLong()) {
            return null;
        }
        return TokenUsage.reported(Math.max(0, input.asLong()),
                Math.max(0, usage.path("input_tokens_details").path("cached_tokens").asLong(0)),
                Math.max(0, output.asLong()),
                Math.max(0, usage.path("output_tokens_details").path("reasoning_tokens").asLong(0)));
    }

    /** A field of an input item: a string, or content parts (text counted as text, images by the tile formula). */
    private static long countContent(String model, JsonNode value, TokenCounter tokens) {
        if (value.isString()) {
            return tokens.count(model, value.stringValue());
        }
        if (!value.isArray()) {
            return 0;
        }
        long count = 0;
        for (JsonNode part : value) {
            if (part.path("text").isString()) {
                count += tokens.count(model, part.path("text").stringValue());
            } else if (part.path("type").asString("").equals("input_image")) {
                count += ImageTokens.openAi(model, part.path("image_url").asString(null), part.path("detail").asString(null));
            }
        }
        return count;
    }

    /** What one output item generated, each piece a part: message text and refusals, tool calls, reasoning summaries. */
    private static void addGenerated(GeneratedText text, String index, JsonNode item) {
        JsonNode content = item.path("content");
        for (int i = 0; i < content.size(); i++) {
            text.add(index + "." + i + ".text", content.get(i).path("text"));
            text.add(index + "." + i + ".refusal", content.get(i).path("refusal"));
        }
        JsonNode summary = item.path("summary");
        for (int i = 0; i < summary.size(); i++) {
            text.add(index + ".summary." + i, summary.get(i).path("text"));
        }
        text.add(index + ".name", item.path("name"));
        text.add(index + ".arguments", item.path("arguments"));
        text.add(index + ".input", item.path("input"));
    }
}
