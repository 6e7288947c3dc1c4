package io.creditgate.platform.embedded;

import static io.creditgate.platform.embedded.DemoUpstreamWire.JSON;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/completions}, OpenAI's legacy text completions: a prompt string, a token array, or an
 * array of either (one completion per prompt, {@code n} choices each); {@code max_tokens} defaults to 16 as
 * OpenAI's does; streams end with a usage-only chunk when asked with {@code stream_options.include_usage}.
 */
final class DemoUpstreamCompletions {

    /** OpenAI's default output limit for legacy completions. */
    static final int DEFAULT_MAX_TOKENS = 16;

    private DemoUpstreamCompletions() {
    }

    static void answer(HttpExchange exchange, JsonNode body, DemoUpstream.Options options, DemoBill bill)
            throws IOException {
        String model = DemoUpstreamWire.requireModel(body);
        List<JsonNode> prompts = prompts(body.path("prompt"));
        Integer n = DemoUpstreamWire.optionalInt(body, "n", 1);
        Integer maxTokens = DemoUpstreamWire.optionalInt(body, "max_tokens", 1);
        int choices = n == null ? 1 : n;
        List<DemoAnswer> answers = new ArrayList<>();
        long promptTokens = 0;
        for (JsonNode prompt : prompts) {
            promptTokens += DemoTokens.plainInputTokens(model, prompt)
                    + DemoTokens.count(model, body.path("suffix").asString(""));
            DemoAnswer answer = DemoAnswer.of(new DemoAnswer.Ask(model, prompt.isString() ? prompt.asString() : "",
                    maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens, null), options);
            for (int i = 0; i < choices; i++) {
                answers.add(answer);
            }
        }
        ObjectNode usage = DemoUpstreamChat.openAiUsage(promptTokens, Math.min(options.cachedPromptTokens(), promptTokens),
                answers.stream().mapToLong(DemoAnswer::outputTokens).sum(),
                answers.stream().mapToLong(DemoAnswer::reasoningTokens).sum());
        bill.charge(DemoBill.Kind.COMPLETIONS, model, promptTokens, Math.min(options.cachedPromptTokens(), promptTokens),
                sentTokens(model, answers, 0));
        Envelope envelope = new Envelope("cmpl-" + DemoAnswer.shortId(), System.currentTimeMillis() / 1000, model);
        if (body.path("stream").asBoolean(false)) {
            boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false)
                    && options.reportUsage();
            stream(exchange, envelope, answers, includeUsage ? usage : null, options, bill);
            return;
        }
        bill.output(sentTokens(model, answers, Integer.MAX_VALUE));
        ObjectNode root = envelope.create();
        ArrayNode array = root.putArray("choices");
        for (int i = 0; i < answers.size(); i++) {
            array.add(choice(i, answers.get(i).text(), finishReason(answers.get(i))));
        }
        if (options.reportUsage()) {
            root.set("usage", usage);
        }
        DemoUpstreamWire.respond(exchange, 200, root);
    }

    /** Output tokens of every choice once its first {@code pieces} pieces went out. */
    private static long sentTokens(String model, List<DemoAnswer> answers, int pieces) {
        return answers.stream().mapToLong(answer -> answer.outputTokensSent(model, pieces)).sum();
    }

    private static void stream(HttpExchange exchange, Envelope envelope, List<DemoAnswer> answers, ObjectNode usage,
                               DemoUpstream.Options options, DemoBill bill) throws IOException {
        OutputStream out = DemoUpstreamWire.startStream(exchange);
        int longest = answers.stream().mapToInt(answer -> answer.pieces().size()).max().orElse(0);
        for (int piece = 0; piece < longest; piece++) {
            DemoUpstreamWire.pause(options.eventDelay());
            for (int i = 0; i < answers.size(); i++) {
                List<String> pieces = answers.get(i).pieces();
                if (piece < pieces.size()) {
                    DemoUpstreamWire.data(out, envelope.chunk(choice(i, pieces.get(piece), null), usage != null));
                }
            }
            bill.output(sentTokens(envelope.model(), answers, piece + 1));
        }
        for (int i = 0; i < answers.size(); i++) {
            DemoUpstreamWire.data(out, envelope.chunk(choice(i, "", finishReason(answers.get(i))), usage != null));
        }
        if (usage != null) {
            ObjectNode last = envelope.create();
            last.putArray("choices");
            last.set("usage", usage);
            DemoUpstreamWire.data(out, last);
        }
        DemoUpstreamWire.done(out);
    }

    /** The prompts of a request: one per string or token array. */
    private static List<JsonNode> prompts(JsonNode prompt) {
        if (prompt.isString()) {
            return List.of(prompt);
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw new DemoUpstreamWire.BadRequest("'prompt' must be a string, an array of strings, or token arrays.");
        }
        if (prompt.get(0).isNumber()) {
            return List.of(prompt);
        }
        List<JsonNode> prompts = new ArrayList<>();
        prompt.forEach(prompts::add);
        return prompts;
    }

    private static ObjectNode choice(int index, String text, String finishReason) {
        ObjectNode choice = JSON.createObjectNode();
        choice.put("text", text);
        choice.put("index", index);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return choice;
    }

    private static String finishReason(DemoAnswer answer) {
        return answer.cut() ? "length" : "stop";
    }

    private record Envelope(String id, long created, String model) {

        ObjectNode create() {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", id);
            root.put("object", "text_completion");
            root.put("created", created);
            root.put("model", model);
            root.putNull("system_fingerprint");
            return root;
        }

        ObjectNode chunk(ObjectNode choice, boolean includeUsage) {
            ObjectNode chunk = create();
            chunk.putArray("choices").add(choice);
            if (includeUsage) {
                chunk.putNull("usage");
            }
            return chunk;
        }
    }
}
