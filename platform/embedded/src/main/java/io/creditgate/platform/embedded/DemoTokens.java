package io.creditgate.platform.embedded;

import java.util.Map;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import tools.jackson.databind.JsonNode;

/**
 * Counts prompt tokens the way the providers bill them, so the demo upstream's {@code usage} is what the
 * real one would report: o200k_base for the gpt-4o / gpt-4.1 / gpt-5 / o-series families, cl100k_base for
 * older models, embeddings and Claude (whose tokenizer is not public; cl100k is the usual stand-in).
 *
 * <ul>
 *   <li>Chat: the OpenAI cookbook's overhead (3 tokens per message, 1 more per {@code name}, 3 to prime the
 *       reply); text parts of multi-part content; images by OpenAI's tile formula ({@link DemoUpstreamImages});
 *       tool definitions as their compact JSON (OpenAI's own formatting of tools is not published).</li>
 *   <li>Responses: {@code instructions} and every input item counted like a chat message (its role, content,
 *       name, arguments and output).</li>
 *   <li>Anthropic messages: {@code system}, then each message like a chat message; images by Anthropic's
 *       formula (pixels / 750).</li>
 *   <li>Completions and embeddings: the tokens of the text, no overhead; a token array counts its length.</li>
 * </ul>
 */
final class DemoTokens {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_NAME = 1;
    private static final int REPLY_PRIMING_TOKENS = 3;
    /** The fields of a Responses input item that hold text the model reads (messages, tool calls, tool output). */
    private static final String[] RESPONSES_ITEM_FIELDS = {"role", "content", "name", "arguments", "output"};

    private DemoTokens() {
    }

    static Encoding encodingFor(String model) {
        boolean o200k = model.startsWith("gpt-4o") || model.startsWith("gpt-4.1") || model.startsWith("gpt-5")
                || model.matches("o\\d.*") || model.startsWith("chatgpt-4o");
        return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }

    static int count(String model, String text) {
        return text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
    }

    /** Prompt tokens of a chat completion request (messages and tool definitions). */
    static long chatPromptTokens(String model, JsonNode messages, JsonNode tools) {
        Encoding encoding = encodingFor(model);
        long tokens = REPLY_PRIMING_TOKENS;
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE;
            for (Map.Entry<String, JsonNode> field : message.properties()) {
                tokens += encoding.countTokensOrdinary(text(field.getValue()));
                tokens += images(field.getValue(), false);
                if (field.getKey().equals("name")) {
                    tokens += TOKENS_PER_NAME;
                }
            }
        }
        return tokens + toolTokens(encoding, tools);
    }

    /** Prompt tokens of a Responses API request: instructions and input items, like chat messages. */
    static long responsesInputTokens(String model, JsonNode instructions, JsonNode input, JsonNode tools) {
        Encoding encoding = encodingFor(model);
        long tokens = REPLY_PRIMING_TOKENS;
        if (instructions.isString()) {
            tokens += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(instructions.asString());
        }
        if (input.isString()) {
            tokens += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(input.asString());
        } else {
            for (JsonNode item : input) {
                tokens += TOKENS_PER_MESSAGE;
                for (String field : RESPONSES_ITEM_FIELDS) {
                    tokens += encoding.countTokensOrdinary(text(item.path(field))) + images(item.path(field), false);
                }
            }
        }
        return tokens + toolTokens(encoding, tools);
    }

    /** All input tokens of an Anthropic messages request (before any split into cache reads and writes). */
    static long anthropicInputTokens(String model, JsonNode system, JsonNode messages, JsonNode tools) {
        Encoding encoding = encodingFor(model);
        long tokens = REPLY_PRIMING_TOKENS;
        if (!system.isMissingNode() && !system.isNull()) {
            tokens += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(text(system));
        }
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(message.path("role").asString(""));
            JsonNode content = message.path("content");
            tokens += encoding.countTokensOrdinary(text(content)) + images(content, true);
        }
        return tokens + toolTokens(encoding, tools);
    }

    /** Tokens of a completions prompt or an embeddings input: a string, a token array, or an array of either. */
    static long plainInputTokens(String model, JsonNode input) {
        if (input.isString()) {
            return count(model, input.asString());
        }
        long tokens = 0;
        for (JsonNode element : input) {
            tokens += element.isNumber() ? 1 : plainInputTokens(model, element);
        }
        return tokens;
    }

    private static long toolTokens(Encoding encoding, JsonNode tools) {
        return tools != null && tools.isArray() && !tools.isEmpty() ? encoding.countTokensOrdinary(tools.toString()) : 0;
    }

    /**
     * The text of a message field: a string, or the text of the parts of a content array (OpenAI's
     * {@code text} / {@code input_text} parts, Anthropic's {@code text} blocks, tool calls and results).
     */
    private static String text(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : value) {
                appendPart(text, part);
            }
            return text.toString();
        }
        return value.isNull() || value.isMissingNode() ? "" : value.toString();
    }

    private static void appendPart(StringBuilder text, JsonNode part) {
        if (part.isString()) {
            text.append(part.asString());
            return;
        }
        switch (part.path("type").asString("")) {
            case "text", "input_text", "output_text" -> text.append(part.path("text").asString(""));
            case "tool_use" -> text.append(part.path("name").asString("")).append(part.path("input").toString());
            case "tool_result" -> text.append(text(part.path("content")));
            case "function" -> text.append(part.path("function").path("name").asString(""))
                    .append(part.path("function").path("arguments").asString(""));
            default -> {
                // Images are counted apart; other parts (audio, files) are not billed by this demo.
            }
        }
    }

    /** Image tokens in a content array: OpenAI's tile formula, or Anthropic's pixels / 750. */
    private static long images(JsonNode content, boolean anthropic) {
        if (!content.isArray()) {
            return 0;
        }
        long tokens = 0;
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if (anthropic && type.equals("image")) {
                tokens += DemoUpstreamImages.anthropicTokens(part.path("source"));
            } else if (type.equals("image_url")) {
                JsonNode image = part.path("image_url");
                String url = image.isString() ? image.asString() : image.path("url").asString("");
                tokens += DemoUpstreamImages.openAiTokens(url, image.path("detail").asString("auto"));
            } else if (type.equals("input_image")) {
                tokens += DemoUpstreamImages.openAiTokens(part.path("image_url").asString(""),
                        part.path("detail").asString("auto"));
            }
        }
        return tokens;
    }
}
