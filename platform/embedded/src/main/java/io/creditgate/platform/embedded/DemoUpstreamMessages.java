package io.creditgate.platform.embedded;

import static io.creditgate.platform.embedded.DemoUpstreamWire.JSON;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API: {@code anthropic-version} header and {@code max_tokens}
 * required; the answer is a text or {@code tool_use} block with {@code stop_reason} "end_turn", "tool_use" or
 * "max_tokens". Usage as Anthropic reports it: {@code input_tokens} are the input tokens that were neither read
 * from nor written to the prompt cache ({@code cache_read_input_tokens}, {@code cache_creation_input_tokens});
 * a stream carries them in {@code message_start} and the final {@code output_tokens} in {@code message_delta}.
 * Errors in Anthropic's shape.
 */
final class DemoUpstreamMessages {

    private DemoUpstreamMessages() {
    }

    private record Call(String model, String id, DemoAnswer answer, ObjectNode usage) {
    }

    static void handle(HttpExchange exchange, String text, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
            refuse(exchange, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (RuntimeException e) {
            refuse(exchange, 400, "invalid_request_error", "There was an issue with your request body: invalid JSON.");
            return;
        }
        try {
            answer(exchange, body, options, bill);
        } catch (DemoUpstreamWire.BadRequest e) {
            refuse(exchange, 400, "invalid_request_error", e.getMessage());
        }
    }

    private static void answer(HttpExchange exchange, JsonNode body, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        if (body == null || !body.isObject()) {
            throw new DemoUpstreamWire.BadRequest("The body must be a JSON object.");
        }
        String model = body.path("model").asString("");
        if (model.isEmpty()) {
            throw new DemoUpstreamWire.BadRequest("model: Field required");
        }
        if (!DemoUpstream.serves(DemoUpstream.TEXT_MODELS, model)) {
            refuse(exchange, 404, "not_found_error", "model: " + model);
            return;
        }
        Integer maxTokens = DemoUpstreamWire.optionalInt(body, "max_tokens", 1);
        if (maxTokens == null) {
            throw new DemoUpstreamWire.BadRequest("max_tokens: Field required");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new DemoUpstreamWire.BadRequest("messages: at least one message is required");
        }
        DemoAnswer answer = DemoAnswer.of(new DemoAnswer.Ask(model, DemoUpstreamWire.lastUserText(messages), maxTokens,
                toolToCall(body, options)), options);
        long input = DemoTokens.anthropicInputTokens(model, body.path("system"), messages, body.get("tools"));
        Call call = new Call(model, "msg_01" + DemoAnswer.shortId(), answer,
                options.reportUsage() ? usage(input, answer, options) : null);
        // Billed as the gateway counts an Anthropic call: every input token, cache reads and writes included.
        bill.charge(DemoBill.Kind.COMPLETIONS, model, input, Math.min(options.cachedPromptTokens(), input),
                answer.outputTokensSent(model, 0));
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, call, options, bill);
        } else {
            bill.output(answer.outputTokens());
            DemoUpstreamWire.respond(exchange, 200, message(call));
        }
    }

    private static String toolToCall(JsonNode body, DemoUpstream.Options options) {
        JsonNode tools = body.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        String choice = body.path("tool_choice").path("type").asString("auto");
        if (choice.equals("tool")) {
            return body.path("tool_choice").path("name").asString("tool");
        }
        boolean call = choice.equals("any") || (options.toolCalls() && !choice.equals("none"));
        return call ? tools.get(0).path("name").asString("tool") : null;
    }

    private static ObjectNode message(Call call) {
        ObjectNode root = envelope(call);
        if (call.answer().toolCall() != null) {
            DemoAnswer.ToolCall tool = call.answer().toolCall();
            root.putArray("content").addObject().put("type", "tool_use").put("id", toolUseId(tool)).put("name", tool.name())
                    .set("input", input(tool.arguments()));
        } else {
            root.putArray("content").addObject().put("type", "text").put("text", call.answer().text());
        }
        root.put("stop_reason", stopReason(call.answer()));
        root.putNull("stop_sequence");
        if (call.usage() != null) {
            root.set("usage", call.usage());
        }
        return root;
    }

    private static void stream(HttpExchange exchange, Call call, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        int sent = 0;
        OutputStream out = DemoUpstreamWire.startStream(exchange);
        ObjectNode start = envelope(call);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        if (call.usage() != null) {
            // Anthropic's message_start counts the input exactly and the output as it stands (one token).
            start.set("usage", call.usage().deepCopy().put("output_tokens", 1));
        }
        send(out, "message_start", JSON.createObjectNode().set("message", start));
        DemoAnswer.ToolCall tool = call.answer().toolCall();
        ObjectNode block = tool != null
                ? JSON.createObjectNode().put("type", "tool_use").put("id", toolUseId(tool)).put("name", tool.name())
                        .set("input", JSON.createObjectNode())
                : JSON.createObjectNode().put("type", "text").put("text", "");
        send(out, "content_block_start", JSON.createObjectNode().put("index", 0).set("content_block", block));
        send(out, "ping", JSON.createObjectNode());
        for (String piece : tool != null ? tool.argumentPieces() : call.answer().pieces()) {
            DemoUpstreamWire.pause(options.eventDelay());
            ObjectNode delta = tool != null
                    ? JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", piece)
                    : JSON.createObjectNode().put("type", "text_delta").put("text", piece);
            send(out, "content_block_delta", JSON.createObjectNode().put("index", 0).set("delta", delta));
            bill.output(call.answer().outputTokensSent(call.model(), ++sent));
        }
        send(out, "content_block_stop", JSON.createObjectNode().put("index", 0));
        ObjectNode messageDelta = JSON.createObjectNode();
        messageDelta.putObject("delta").put("stop_reason", stopReason(call.answer())).putNull("stop_sequence");
        if (call.usage() != null) {
            messageDelta.putObject("usage").put("output_tokens", call.answer().outputTokens());
        }
        send(out, "message_delta", messageDelta);
        send(out, "message_stop", JSON.createObjectNode());
    }

    private static void send(OutputStream out, String type, ObjectNode fields) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.setAll(fields);
        DemoUpstreamWire.event(out, type, event);
    }

    private static ObjectNode envelope(Call call) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", call.id());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", call.model());
        return root;
    }

    private static ObjectNode usage(long input, DemoAnswer answer, DemoUpstream.Options options) {
        long read = Math.min(options.cachedPromptTokens(), input);
        long write = Math.min(options.cacheWriteTokens(), input - read);
        ObjectNode usage = JSON.createObjectNode();
        usage.put("input_tokens", input - read - write);
        usage.put("cache_creation_input_tokens", write);
        usage.put("cache_read_input_tokens", read);
        usage.put("output_tokens", answer.outputTokens());
        usage.put("service_tier", "standard");
        return usage;
    }

    private static String stopReason(DemoAnswer answer) {
        if (answer.cut()) {
            return "max_tokens";
        }
        return answer.toolCall() != null ? "tool_use" : "end_turn";
    }

    private static String toolUseId(DemoAnswer.ToolCall tool) {
        return "toolu_01" + tool.id().substring("call_".length());
    }

    /** The tool's input as an object; arguments cut short by max_tokens are not valid JSON and give {}. */
    private static JsonNode input(String arguments) {
        try {
            JsonNode input = JSON.readTree(arguments);
            return input != null && input.isObject() ? input : JSON.createObjectNode();
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private static void refuse(HttpExchange exchange, int status, String type, String message) throws IOException {
        DemoUpstreamWire.respond(exchange, status, DemoUpstreamWire.anthropicError(type, message));
    }
}
