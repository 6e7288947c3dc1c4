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
     * Prompt tokens of a chat request: every string field of every message, 3 tokens per message, 1 per
     * name, 3 for priming the reply. Text parts of multi-part content count as text, image parts by OpenAI's
     * tile formula ({@link ImageTokens#openAi}). Tool definitions count as their JSON text, an approximation
     * of OpenAI's hidden formatting.
     */
    public long countPrompt(String model, JsonNode messages, JsonNode tools) {
        Encoding encoding = encodingFor(model);
        long tokens = REPLY_PRIMING_TOKENS;
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE;
            for (var field : message.properties()) {
                tokens += countField(encoding, field.getKey(), field.getValue());
            }
        }
        return tokens + countTools(model, tools);
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

    /** Tool definitions, as their JSON text; zero when there are none. */
    public long countTools(String model, JsonNode tools) {
        return tools != null && tools.isArray() && !tools.isEmpty() ? count(model, tools.toString()) : 0;
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

    private static long countField(Encoding encoding, String key, JsonNode value) {
        long tokens = 0;
        if (value.isString()) {
            tokens += encoding.countTokensOrdinary(value.stringValue());
            if (key.equals("name")) {
                tokens += TOKENS_PER_NAME;
            }
        } else if (value.isArray() && key.equals("content")) {
            for (JsonNode part : value) {
                if (part.path("text").isString()) {
                    tokens += encoding.countTokensOrdinary(part.path("text").stringValue());
                } else if (part.path("type").asString("").equals("image_url")) {
                    tokens += openAiImage(part.path("image_url"));
                }
            }
        } else if (value.isArray() && key.equals("tool_calls")) {
            for (JsonNode call : value) {
                JsonNode function = call.path("function");
                tokens += countText(encoding, function.path("name")) + countText(encoding, function.path("arguments"));
            }
        }
        return tokens;
    }

    /** A chat image part's {@code image_url}: an object with {@code url} and {@code detail}, or a bare URL. */
    private static long openAiImage(JsonNode imageUrl) {
        if (imageUrl.isString()) {
            return ImageTokens.openAi(imageUrl.stringValue(), null);
        }
        return ImageTokens.openAi(imageUrl.path("url").asString(null), imageUrl.path("detail").asString(null));
    }

    private static long countText(Encoding encoding, JsonNode node) {
        return node.isString() ? encoding.countTokensOrdinary(node.stringValue()) : 0;
    }
}
