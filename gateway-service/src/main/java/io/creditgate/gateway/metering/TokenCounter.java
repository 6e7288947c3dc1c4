package io.creditgate.gateway.metering;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

import tools.jackson.databind.JsonNode;

/**
 * Counts tokens the way OpenAI bills them, for admission (before the call) and for calls whose usage never
 * comes back. Uses one jtokkit {@link EncodingRegistry} per process (loading an encoding costs
 * milliseconds and megabytes) and {@code countTokensOrdinary}, which treats special-token text in user
 * input as plain text instead of throwing.
 */
@Component
public class TokenCounter {

    // Chat-format overhead from OpenAI's cookbook ("How to count tokens with tiktoken"). The Responses API
    // and Anthropic publish none; their prompts are counted with the same overhead per message.
    public static final int TOKENS_PER_MESSAGE = 3;
    public static final int TOKENS_PER_NAME = 1;
    public static final int REPLY_PRIMING_TOKENS = 3;
    // Measured on the published counts (openai-published-prompt-counts.json): with function definitions the
    // reply costs one token less to prime, an assistant's function call costs 3 tokens besides its name and
    // arguments, a "function" result 2 fewer than a plain message, a named tool choice 7 (tools) or 4
    // (functions) tokens besides the name.
    static final int REPLY_PRIMING_WITH_TOOLS_TOKENS = 2;
    static final int FUNCTION_CALL_TOKENS = 3;
    static final int FUNCTION_RESULT_SAVED_TOKENS = 2;
    static final int NAMED_TOOL_CHOICE_TOKENS = 7;
    static final int NAMED_FUNCTION_CALL_TOKENS = 4;

    private final Encoding o200k;
    private final Encoding cl100k;

    /** Loads both encodings (tens of megabytes, about a second): make one per process. */
    public TokenCounter() {
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
    }

    /**
     * The encoding of a model family. jtokkit's own model table maps gpt-4.1 to cl100k and knows no
     * gpt-5 or o-series, so the gateway keeps its own. Embedding models and Claude (whose tokenizer is not
     * public) use cl100k_base.
     */
    Encoding encodingFor(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        boolean o200kFamily = m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1")
                || m.startsWith("gpt-5") || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4");
        return o200kFamily ? o200k : cl100k;
    }

    /**
     * Prompt tokens of a chat request's messages and tools alone (no tool choice, no response format); see
     * {@link #countChatPrompt}.
     */
    public long countPrompt(String model, JsonNode messages, JsonNode tools) {
        return countChat(model, messages, tools, null, null, null);
    }

    /**
     * Prompt tokens of a chat completions request body, as OpenAI counts them: each message with the
     * cookbook's overhead (3 per message, 1 more per {@code name}, 3 to prime the reply); text parts as text,
     * images by {@link ImageTokens#openAi(String, String, String)}, audio by {@link AudioTokens}; assistant tool
     * and function calls; the function definitions ({@code tools}, or the deprecated {@code functions}) in
     * OpenAI's TypeScript rendering ({@link OpenAiToolFormat}) appended to the first system message, with the
     * {@code tool_choice} / {@code function_call} that names a function or "none"; a {@code json_schema}
     * {@code response_format} appended the same way (an estimate, docs/metering.md).
     */
    public long countChatPrompt(String model, JsonNode body) {
        return countChat(model, body.path("messages"), body.get("tools"), body.get("functions"),
                body.has("tool_choice") ? body.get("tool_choice") : body.get("function_call"),
                body.get("response_format"));
    }

    private long countChat(String model, JsonNode messages, JsonNode tools, JsonNode functions, JsonNode choice,
                           JsonNode responseFormat) {
        Encoding encoding = encodingFor(model);
        String toolText = OpenAiToolFormat.render(tools, functions);
        String formatText = OpenAiResponseFormat.render(responseFormat);
        String systemAddition = toolText == null ? formatText
                : formatText == null ? toolText : toolText + "\n\n" + formatText;
        long tokens = toolText == null ? REPLY_PRIMING_TOKENS : REPLY_PRIMING_WITH_TOOLS_TOKENS;
        boolean added = false;
        for (JsonNode message : messages) {
            String role = message.path("role").asString("");
            boolean addHere = systemAddition != null && !added && (role.equals("system") || role.equals("developer"));
            tokens += countMessage(model, encoding, message, addHere ? systemAddition : null);
            added |= addHere;
        }
        if (systemAddition != null && !added) {
            tokens += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary("system")
                    + encoding.countTokensOrdinary(systemAddition);
        }
        return tokens + (toolText == null ? 0 : toolChoiceTokens(encoding, choice, tools != null));
    }

    /**
     * One message: 3 tokens, then each field. {@code systemAddition} (tools, response formats) is appended to
     * this message's text after a blank line and tokenized with it.
     */
    private long countMessage(String model, Encoding encoding, JsonNode message, String systemAddition) {
        long tokens = TOKENS_PER_MESSAGE;
        for (var field : message.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "content" -> tokens += systemAddition != null
                        ? encoding.countTokensOrdinary(joinedText(value) + "\n\n" + systemAddition)
                        : countContent(model, encoding, value);
                case "tool_calls" -> {
                    for (JsonNode call : value) {
                        tokens += functionCallTokens(encoding, call.path("function"));
                    }
                }
                case "function_call" -> tokens += functionCallTokens(encoding, value);
                case "tool_call_id" -> {
                    // The id ties a result to its call for the API; it is not part of the model's text.
                }
                case "name" -> tokens += countText(encoding, value) + TOKENS_PER_NAME;
                default -> tokens += countText(encoding, value);
            }
        }
        if (systemAddition != null && !message.has("content")) {
            tokens += encoding.countTokensOrdinary(systemAddition);
        }
        // A function result is rendered with its name in place of the role: 2 tokens fewer (measured).
        return message.path("role").asString("").equals("function") ? tokens - FUNCTION_RESULT_SAVED_TOKENS : tokens;
    }

    /** A string, or content parts: text as text, images, audio; other parts (files) are not counted. */
    private long countContent(String model, Encoding encoding, JsonNode content) {
        if (!content.isArray()) {
            return countText(encoding, content);
        }
        long tokens = 0;
        for (JsonNode part : content) {
            switch (part.path("type").asString("")) {
                case "image_url" -> tokens += openAiImage(model, part.path("image_url"));
                case "input_audio" -> tokens += AudioTokens.openAi(part.path("input_audio").path("data").asString(null),
                        part.path("input_audio").path("format").asString(null));
                case "refusal" -> tokens += countText(encoding, part.path("refusal"));
                default -> tokens += countText(encoding, part.path("text"));
            }
        }
        return tokens;
    }

    /** A message's text parts joined by newlines (a system message the tools are appended to). */
    private static String joinedText(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        List<String> texts = new java.util.ArrayList<>();
        for (JsonNode part : content) {
            if (part.path("text").isString()) {
                texts.add(part.path("text").stringValue());
            }
        }
        return String.join("\n", texts);
    }

    /** An assistant's call of a function: its name and arguments and 3 tokens around them (measured). */
    private static long functionCallTokens(Encoding encoding, JsonNode function) {
        return FUNCTION_CALL_TOKENS + countText(encoding, function.path("name")) + countText(encoding, function.path("arguments"));
    }

    /**
     * What the tool choice adds (measured): "none" 1 token; a named function 7 tokens plus its name with
     * {@code tools}, 4 plus its name with the deprecated {@code functions}; "auto" (the default) and
     * "required" nothing.
     */
    private static long toolChoiceTokens(Encoding encoding, JsonNode choice, boolean tools) {
        if (choice == null) {
            return 0;
        }
        if (choice.isString()) {
            return choice.stringValue().equals("none") ? 1 : 0;
        }
        JsonNode name = choice.has("function") ? choice.path("function").path("name") : choice.path("name");
        if (!name.isString()) {
            return 0;
        }
        return (tools ? NAMED_TOOL_CHOICE_TOKENS : NAMED_FUNCTION_CALL_TOKENS) + encoding.countTokensOrdinary(name.stringValue());
    }

    /** Tokens of a text, as plain text (special-token text included). */
    public long count(String model, String text) {
        return text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
    }

    /**
     * Tokens of a completions prompt or an embeddings input: a string, a token array (its length), or an
     * array of either; no overhead.
     */
    public long countPlainInput(String model, JsonNode input) {
        if (input == null) {
            return 0;
        }
        if (input.isString()) {
            return count(model, input.stringValue());
        }
        long tokens = 0;
        for (JsonNode element : input) {
            tokens += element.isNumber() ? 1 : countPlainInput(model, element);
        }
        return tokens;
    }

    /**
     * Tool definitions as their JSON text; zero when there are none. For Anthropic, whose tool formatting is
     * not public.
     */
    public long countTools(String model, JsonNode tools) {
        return tools != null && tools.isArray() && !tools.isEmpty() ? count(model, tools.toString()) : 0;
    }

    /**
     * OpenAI tool definitions in OpenAI's rendering ({@link OpenAiToolFormat}), as a system message of their
     * own (3 + 1 tokens); zero when there are none. For the Responses API, whose own overhead is not published.
     */
    public long countOpenAiTools(String model, JsonNode tools) {
        String text = OpenAiToolFormat.render(tools, null);
        return text == null ? 0 : TOKENS_PER_MESSAGE + count(model, "system") + count(model, text);
    }

    /** Tokens of generated text (content, reasoning, tool-call names and arguments) for a model. */
    public long countCompletion(String model, CharSequence text) {
        return text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text.toString());
    }

    /** Tokens of generated text kept in parts ({@link GeneratedText}), each counted on its own. */
    public long countCompletion(String model, List<String> parts) {
        long tokens = 0;
        for (String part : parts) {
            tokens += countCompletion(model, part);
        }
        return tokens;
    }

    /** A chat image part's {@code image_url}: an object with {@code url} and {@code detail}, or a bare URL. */
    private static long openAiImage(String model, JsonNode imageUrl) {
        if (imageUrl.isString()) {
            return ImageTokens.openAi(model, imageUrl.stringValue(), null);
        }
        return ImageTokens.openAi(model, imageUrl.path("url").asString(null), imageUrl.path("detail").asString(null));
    }

    private static long countText(Encoding encoding, JsonNode node) {
        return node != null && node.isString() ? encoding.countTokensOrdinary(node.stringValue()) : 0;
    }
}
