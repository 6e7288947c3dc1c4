package io.creditgate.platform.embedded;

import static io.creditgate.platform.embedded.DemoUpstreamWire.JSON;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API: a {@code response} object (reasoning item, message or
 * function call, {@code usage} with {@code input_tokens_details.cached_tokens} and
 * {@code output_tokens_details.reasoning_tokens}), or a stream of its named events from {@code response.created}
 * to {@code response.completed} (or {@code response.incomplete} when cut at {@code max_output_tokens}), each
 * with its {@code sequence_number}. Streams always carry the usage in their last event, as OpenAI's do.
 */
final class DemoUpstreamResponses {

    /** OpenAI refuses a smaller {@code max_output_tokens}. */
    static final int MIN_OUTPUT_TOKENS = 16;

    private DemoUpstreamResponses() {
    }

    /** The parts of a Responses request the demo acts on, and what it answers. */
    private record Call(JsonNode body, String model, String id, long createdAt, DemoAnswer answer, ObjectNode usage) {

        String messageId() {
            return "msg_" + id.substring(5);
        }

        String reasoningId() {
            return "rs_" + id.substring(5);
        }

        String functionCallId() {
            return "fc_" + id.substring(5);
        }

        int messageIndex() {
            return answer.reasoningTokens() > 0 ? 1 : 0;
        }
    }

    static void answer(HttpExchange exchange, JsonNode body, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        String model = DemoUpstreamWire.requireModel(body);
        JsonNode input = body.path("input");
        if (!input.isString() && !(input.isArray() && !input.isEmpty())) {
            throw new DemoUpstreamWire.BadRequest("'input' must be a string or a non-empty array of input items.");
        }
        Integer maxOutput = DemoUpstreamWire.optionalInt(body, "max_output_tokens", MIN_OUTPUT_TOKENS);
        String userText = input.isString() ? input.asString() : DemoUpstreamWire.lastUserText(input);
        DemoAnswer answer = DemoAnswer.of(new DemoAnswer.Ask(model, userText, maxOutput, toolToCall(body, options)), options);
        long inputTokens = DemoTokens.responsesInputTokens(model, body.path("instructions"), input, body.get("tools"));
        ObjectNode usage = options.reportUsage() ? usage(inputTokens, Math.min(options.cachedPromptTokens(), inputTokens),
                answer) : null;
        Call call = new Call(body, model, "resp_" + DemoAnswer.shortId() + DemoAnswer.shortId().substring(0, 8),
                System.currentTimeMillis() / 1000, answer, usage);
        bill.charge(DemoBill.Kind.COMPLETIONS, model, inputTokens, Math.min(options.cachedPromptTokens(), inputTokens),
                answer.outputTokensSent(model, 0));
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, call, options, bill);
        } else {
            bill.output(answer.outputTokens());
            DemoUpstreamWire.respond(exchange, 200, response(call, true));
        }
    }

    private static String toolToCall(JsonNode body, DemoUpstream.Options options) {
        JsonNode tools = body.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        JsonNode choice = body.path("tool_choice");
        if (choice.path("type").asString("").equals("function") && choice.path("name").isString()) {
            return choice.path("name").asString();
        }
        boolean required = choice.isString() && choice.asString().equals("required");
        boolean none = choice.isString() && choice.asString().equals("none");
        return !none && (required || options.toolCalls()) ? tools.get(0).path("name").asString("tool") : null;
    }

    private static void stream(HttpExchange exchange, Call call, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        int sent = 0;
        OutputStream out = DemoUpstreamWire.startStream(exchange);
        Events events = new Events(out);
        events.send("response.created", JSON.createObjectNode().set("response", response(call, false)));
        events.send("response.in_progress", JSON.createObjectNode().set("response", response(call, false)));
        if (call.answer().reasoningTokens() > 0) {
            events.send("response.output_item.added", item(0, reasoningItem(call)));
            events.send("response.output_item.done", item(0, reasoningItem(call)));
        }
        int index = call.messageIndex();
        DemoAnswer.ToolCall tool = call.answer().toolCall();
        if (tool != null) {
            events.send("response.output_item.added", item(index, functionCallItem(call, "", "in_progress")));
            for (String piece : tool.argumentPieces()) {
                DemoUpstreamWire.pause(options.eventDelay());
                events.send("response.function_call_arguments.delta", JSON.createObjectNode()
                        .put("item_id", call.functionCallId()).put("output_index", index).put("delta", piece));
                bill.output(call.answer().outputTokensSent(call.model(), ++sent));
            }
            events.send("response.function_call_arguments.done", JSON.createObjectNode()
                    .put("item_id", call.functionCallId()).put("output_index", index).put("name", tool.name())
                    .put("arguments", tool.arguments()));
            events.send("response.output_item.done", item(index, functionCallItem(call, tool.arguments(), "completed")));
        } else {
            events.send("response.output_item.added", item(index, messageItem(call, null, "in_progress")));
            events.send("response.content_part.added", part(call, index).set("part", outputText("")));
            for (String piece : call.answer().pieces()) {
                DemoUpstreamWire.pause(options.eventDelay());
                ObjectNode delta = part(call, index).put("delta", piece);
                delta.putArray("logprobs");
                events.send("response.output_text.delta", delta);
                bill.output(call.answer().outputTokensSent(call.model(), ++sent));
            }
            ObjectNode done = part(call, index).put("text", call.answer().text());
            done.putArray("logprobs");
            events.send("response.output_text.done", done);
            events.send("response.content_part.done", part(call, index).set("part", outputText(call.answer().text())));
            events.send("response.output_item.done", item(index, messageItem(call, call.answer().text(), "completed")));
        }
        String last = call.answer().cut() ? "response.incomplete" : "response.completed";
        events.send(last, JSON.createObjectNode().set("response", response(call, true)));
    }

    /** Numbers the events of one stream and names each by its {@code type}. */
    private static final class Events {
        private final OutputStream out;
        private int sequence;

        Events(OutputStream out) {
            this.out = out;
        }

        void send(String type, ObjectNode fields) throws IOException {
            ObjectNode event = JSON.createObjectNode();
            event.put("type", type);
            event.setAll(fields);
            event.put("sequence_number", sequence++);
            DemoUpstreamWire.event(out, type, event);
        }
    }

    /** The response object; while in progress it has no output and no usage yet. */
    private static ObjectNode response(Call call, boolean finished) {
        JsonNode body = call.body();
        ObjectNode root = JSON.createObjectNode();
        root.put("id", call.id());
        root.put("object", "response");
        root.put("created_at", call.createdAt());
        boolean incomplete = finished && call.answer().cut();
        root.put("status", !finished ? "in_progress" : incomplete ? "incomplete" : "completed");
        root.put("background", false);
        root.putNull("error");
        if (incomplete) {
            root.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            root.putNull("incomplete_details");
        }
        root.set("instructions", body.path("instructions").isString() ? body.get("instructions") : JSON.nullNode());
        root.set("max_output_tokens", body.hasNonNull("max_output_tokens") ? body.get("max_output_tokens") : JSON.nullNode());
        root.putNull("max_tool_calls");
        root.put("model", call.model());
        ArrayNode output = root.putArray("output");
        if (finished) {
            if (call.answer().reasoningTokens() > 0) {
                output.add(reasoningItem(call));
            }
            DemoAnswer.ToolCall tool = call.answer().toolCall();
            output.add(tool != null ? functionCallItem(call, tool.arguments(), "completed")
                    : messageItem(call, call.answer().text(), "completed"));
        }
        root.put("parallel_tool_calls", true);
        root.putNull("previous_response_id");
        root.putObject("reasoning").putNull("effort").putNull("summary");
        root.put("service_tier", "default");
        root.put("store", body.path("store").asBoolean(true));
        root.put("temperature", 1.0);
        root.putObject("text").put("verbosity", "medium").putObject("format").put("type", "text");
        root.set("tool_choice", body.has("tool_choice") ? body.get("tool_choice") : JSON.stringNode("auto"));
        root.set("tools", body.path("tools").isArray() ? body.get("tools") : JSON.createArrayNode());
        root.put("top_logprobs", 0);
        root.put("top_p", 1.0);
        root.put("truncation", "disabled");
        root.set("usage", finished && call.usage() != null ? call.usage() : JSON.nullNode());
        root.putNull("user");
        root.putObject("metadata");
        return root;
    }

    private static ObjectNode usage(long input, long cached, DemoAnswer answer) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", cached);
        usage.put("output_tokens", answer.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", answer.reasoningTokens());
        usage.put("total_tokens", input + answer.outputTokens());
        return usage;
    }

    private static ObjectNode item(int index, ObjectNode item) {
        ObjectNode event = JSON.createObjectNode();
        event.put("output_index", index);
        event.set("item", item);
        return event;
    }

    private static ObjectNode part(Call call, int index) {
        return JSON.createObjectNode().put("item_id", call.messageId()).put("output_index", index).put("content_index", 0);
    }

    private static ObjectNode reasoningItem(Call call) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", call.reasoningId());
        item.put("type", "reasoning");
        item.putArray("summary");
        return item;
    }

    private static ObjectNode messageItem(Call call, String text, String status) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", call.messageId());
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    private static ObjectNode functionCallItem(Call call, String arguments, String status) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", call.functionCallId());
        item.put("type", "function_call");
        item.put("status", status);
        item.put("arguments", arguments);
        item.put("call_id", call.answer().toolCall().id());
        item.put("name", call.answer().toolCall().name());
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = JSON.createObjectNode();
        part.put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }
}
