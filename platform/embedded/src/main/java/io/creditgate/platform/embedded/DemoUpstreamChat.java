package io.creditgate.platform.embedded;

import static io.creditgate.platform.embedded.DemoUpstreamWire.JSON;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions} in OpenAI's wire format: {@code n} choices, tool calls, the usage-only final
 * chunk of a stream only when asked with {@code stream_options.include_usage}, {@code finish_reason} "length"
 * when cut at {@code max_completion_tokens} / {@code max_tokens}.
 */
final class DemoUpstreamChat {

    private DemoUpstreamChat() {
    }

    /** The parts of a chat completion request the demo acts on. */
    record Request(String model, JsonNode messages, JsonNode tools, boolean stream, boolean includeUsage, int n,
                   Integer maxTokens, String toolName) {

        static Request parse(JsonNode body, DemoUpstream.Options options) {
            String model = DemoUpstreamWire.requireModel(body);
            JsonNode messages = body.path("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                throw new DemoUpstreamWire.BadRequest("'messages' must be a non-empty array.");
            }
            Integer n = DemoUpstreamWire.optionalInt(body, "n", 1);
            if (n != null && n > 128) {
                throw new DemoUpstreamWire.BadRequest("'n' must be between 1 and 128.");
            }
            Integer maxTokens = DemoUpstreamWire.optionalInt(body, "max_completion_tokens", 1);
            if (maxTokens == null) {
                maxTokens = DemoUpstreamWire.optionalInt(body, "max_tokens", 1);
            }
            return new Request(model, messages, body.get("tools"), body.path("stream").asBoolean(false),
                    body.path("stream_options").path("include_usage").asBoolean(false), n == null ? 1 : n, maxTokens,
                    toolToCall(body, options));
        }

        DemoAnswer answer(DemoUpstream.Options options) {
            return DemoAnswer.of(new DemoAnswer.Ask(model, DemoUpstreamWire.lastUserText(messages), maxTokens, toolName),
                    options);
        }
    }

    static void answer(HttpExchange exchange, JsonNode body, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        Request request = Request.parse(body, options);
        DemoAnswer answer = request.answer(options);
        long prompt = DemoTokens.chatPromptTokens(request.model(), request.messages(), request.tools());
        bill.charge(DemoBill.Kind.COMPLETIONS, request.model(), prompt, Math.min(options.cachedPromptTokens(), prompt),
                (long) answer.outputTokensSent(request.model(), 0) * request.n());
        if (request.stream()) {
            stream(exchange, request, answer, options, bill);
        } else {
            bill.output((long) answer.outputTokens() * request.n());
            DemoUpstreamWire.respond(exchange, 200, completion(request, answer, options));
        }
    }

    /**
     * The function to call: the one {@code tool_choice} names, or the first one when it says "required" or the
     * options ask for tool calls; null to answer in text.
     */
    static String toolToCall(JsonNode body, DemoUpstream.Options options) {
        JsonNode tools = body.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return null;
        }
        JsonNode choice = body.path("tool_choice");
        String named = choice.path("function").path("name").asString(null);
        if (named != null) {
            return named;
        }
        boolean required = choice.isString() && choice.asString().equals("required");
        boolean none = choice.isString() && choice.asString().equals("none");
        return !none && (required || options.toolCalls()) ? tools.get(0).path("function").path("name").asString("tool") : null;
    }

    private static ObjectNode completion(Request request, DemoAnswer answer, DemoUpstream.Options options) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + DemoAnswer.shortId());
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", request.model());
        ArrayNode choices = root.putArray("choices");
        for (int i = 0; i < request.n(); i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            if (answer.toolCall() != null) {
                message.putNull("content");
                ObjectNode call = message.putArray("tool_calls").addObject();
                call.put("id", answer.toolCall().id());
                call.put("type", "function");
                call.putObject("function").put("name", answer.toolCall().name())
                        .put("arguments", answer.toolCall().arguments());
            } else {
                message.put("content", answer.text());
            }
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason(answer));
        }
        if (options.reportUsage()) {
            root.set("usage", usage(request, answer, options));
        }
        root.put("service_tier", "default");
        root.putNull("system_fingerprint");
        return root;
    }

    private static void stream(HttpExchange exchange, Request request, DemoAnswer answer, DemoUpstream.Options options,
                               DemoBill bill) throws IOException {
        OutputStream out = DemoUpstreamWire.startStream(exchange);
        Chunks chunks = new Chunks("chatcmpl-" + DemoAnswer.shortId(), System.currentTimeMillis() / 1000, request.model(),
                request.includeUsage() && options.reportUsage());
        for (int i = 0; i < request.n(); i++) {
            DemoUpstreamWire.data(out, chunks.choice(i, firstDelta(answer), null));
        }
        int sent = 0;
        for (String piece : deltas(answer)) {
            DemoUpstreamWire.pause(options.eventDelay());
            for (int i = 0; i < request.n(); i++) {
                DemoUpstreamWire.data(out, chunks.choice(i, delta(answer, piece), null));
            }
            // Billed as written: a client that goes away leaves the rest ungenerated.
            bill.output((long) answer.outputTokensSent(request.model(), ++sent) * request.n());
        }
        for (int i = 0; i < request.n(); i++) {
            DemoUpstreamWire.data(out, chunks.choice(i, JSON.createObjectNode(), finishReason(answer)));
        }
        if (chunks.includeUsage()) {
            ObjectNode last = chunks.envelope();
            last.putArray("choices");
            last.set("usage", usage(request, answer, options));
            DemoUpstreamWire.data(out, last);
        }
        DemoUpstreamWire.done(out);
    }

    /** The chunks of one stream: the same id, time and model on each. */
    private record Chunks(String id, long created, String model, boolean includeUsage) {

        ObjectNode envelope() {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", id);
            root.put("object", "chat.completion.chunk");
            root.put("created", created);
            root.put("model", model);
            root.put("service_tier", "default");
            root.putNull("system_fingerprint");
            return root;
        }

        ObjectNode choice(int index, ObjectNode delta, String finishReason) {
            ObjectNode chunk = envelope();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", index);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            if (includeUsage) {
                chunk.putNull("usage");
            }
            return chunk;
        }
    }

    private static ObjectNode firstDelta(DemoAnswer answer) {
        ObjectNode delta = JSON.createObjectNode();
        delta.put("role", "assistant");
        if (answer.toolCall() != null) {
            delta.putNull("content");
            ObjectNode call = delta.putArray("tool_calls").addObject();
            call.put("index", 0);
            call.put("id", answer.toolCall().id());
            call.put("type", "function");
            call.putObject("function").put("name", answer.toolCall().name()).put("arguments", "");
        } else {
            delta.put("content", "");
        }
        delta.putNull("refusal");
        return delta;
    }

    private static java.util.List<String> deltas(DemoAnswer answer) {
        return answer.toolCall() != null ? answer.toolCall().argumentPieces() : answer.pieces();
    }

    private static ObjectNode delta(DemoAnswer answer, String piece) {
        ObjectNode delta = JSON.createObjectNode();
        if (answer.toolCall() != null) {
            ObjectNode call = delta.putArray("tool_calls").addObject();
            call.put("index", 0);
            call.putObject("function").put("arguments", piece);
        } else {
            delta.put("content", piece);
        }
        return delta;
    }

    private static String finishReason(DemoAnswer answer) {
        if (answer.cut()) {
            return "length";
        }
        return answer.toolCall() != null ? "tool_calls" : "stop";
    }

    private static ObjectNode usage(Request request, DemoAnswer answer, DemoUpstream.Options options) {
        long prompt = DemoTokens.chatPromptTokens(request.model(), request.messages(), request.tools());
        return openAiUsage(prompt, Math.min(options.cachedPromptTokens(), prompt),
                (long) answer.outputTokens() * request.n(), (long) answer.reasoningTokens() * request.n());
    }

    /** OpenAI's {@code usage} object of chat and completions, details included. */
    static ObjectNode openAiUsage(long prompt, long cached, long completion, long reasoning) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", cached);
        promptDetails.put("audio_tokens", 0);
        ObjectNode completionDetails = usage.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", reasoning);
        completionDetails.put("audio_tokens", 0);
        completionDetails.put("accepted_prediction_tokens", 0);
        completionDetails.put("rejected_prediction_tokens", 0);
        return usage;
    }
}
