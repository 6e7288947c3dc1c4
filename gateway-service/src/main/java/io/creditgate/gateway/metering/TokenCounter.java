package io.creditgate.gateway.metering;

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

    // Chat-format overhead from OpenAI's cookbook ("How to count tokens with tiktoken").
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_NAME = 1;
    private static final int REPLY_PRIMING_TOKENS = 3;

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
     * gpt-5 or o-series, so the gateway keeps its own.
     */
    Encoding encodingFor(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        boolean o200kFamily = m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1")
                || m.startsWith("gpt-5") || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4");
        return o200kFamily ? o200k : cl100k;
    }

    /**
     * Prompt tokens of a chat request: every string field of every message, 3 tokens per message, 1 per
     * name, 3 for priming the reply. Text parts of multi-part content count; images do not (yet).
     * Tool definitions count as their JSON text, an approximation of OpenAI's hidden formatting.
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
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            tokens += encoding.countTokensOrdinary(tools.toString());
        }
        return tokens;
    }

    /** Tokens of generated text (content, reasoning, tool-call names and arguments) for a model. */
    public long countCompletion(String model, CharSequence text) {
        return text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text.toString());
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

    private static long countText(Encoding encoding, JsonNode node) {
        return node.isString() ? encoding.countTokensOrdinary(node.stringValue()) : 0;
    }
}
