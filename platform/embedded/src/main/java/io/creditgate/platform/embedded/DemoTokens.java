package io.creditgate.platform.embedded;

import java.util.Map;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import tools.jackson.databind.JsonNode;

/**
 * Counts tokens the way OpenAI bills them, so the demo upstream's {@code usage} is what the real
 * one would report: o200k_base for the gpt-4o / gpt-4.1 / gpt-5 / o-series families, cl100k_base
 * for older models; chat format overhead per the OpenAI cookbook (3 tokens per message, 1 more
 * per {@code name}, 3 to prime the reply).
 */
final class DemoTokens {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_NAME = 1;
    private static final int REPLY_PRIMING_TOKENS = 3;

    private DemoTokens() {
    }

    static Encoding encodingFor(String model) {
        boolean o200k = model.startsWith("gpt-4o") || model.startsWith("gpt-4.1") || model.startsWith("gpt-5")
                || model.matches("o\\d.*") || model.startsWith("chatgpt-4o");
        return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }

    static long promptTokens(String model, JsonNode messages) {
        Encoding encoding = encodingFor(model);
        long tokens = REPLY_PRIMING_TOKENS;
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE;
            for (Map.Entry<String, JsonNode> field : message.properties()) {
                tokens += encoding.countTokensOrdinary(text(field.getValue()));
                if (field.getKey().equals("name")) {
                    tokens += TOKENS_PER_NAME;
                }
            }
        }
        return tokens;
    }

    /** The text of a message field: a string, or the text parts of a content array. */
    private static String text(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : value) {
                if (part.path("type").asString("").equals("text")) {
                    text.append(part.path("text").asString(""));
                }
            }
            return text.toString();
        }
        return value.isNull() ? "" : value.toString();
    }
}
