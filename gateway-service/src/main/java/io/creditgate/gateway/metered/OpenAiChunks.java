package io.creditgate.gateway.metered;

import java.nio.charset.StandardCharsets;

import io.creditgate.gateway.metering.TokenUsage;
import tools.jackson.databind.JsonNode;

/**
 * What chat completions and legacy completions share: OpenAI's {@code usage} object, the usage-only last
 * chunk of a stream, and the {@code data: {"error":…}} event that ends a broken stream.
 */
final class OpenAiChunks {

    private OpenAiChunks() {
    }

    /**
     * The usage in {@code usage}, or null when it is missing, null or lacks the two required counts.
     * Cached and reasoning tokens are optional details (absent means zero).
     */
    static TokenUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode prompt = usage.path("prompt_tokens");
        JsonNode completion = usage.path("completion_tokens");
        if (!prompt.canConvertToLong() || !completion.canConvertToLong()) {
            return null;
        }
        return TokenUsage.reported(Math.max(0, prompt.asLong()),
                Math.max(0, usage.path("prompt_tokens_details").path("cached_tokens").asLong(0)),
                Math.max(0, completion.asLong()),
                Math.max(0, usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0)));
    }

    /**
     * Meters the usage a chunk may carry; returns whether the client sees the chunk: the usage-only last
     * chunk ({@code choices: []}) only when the client asked for it.
     */
    static boolean meterUsage(JsonNode chunk, MeteredCall call, ApiRequest request) {
        if (chunk.has("error")) {
            call.upstreamReportedError();
        }
        TokenUsage usage = usage(chunk.get("usage"));
        if (usage == null) {
            return true;
        }
        call.reported(usage);
        JsonNode choices = chunk.path("choices");
        boolean usageOnly = choices.isArray() && choices.isEmpty();
        return request.clientWantsUsage() || !usageOnly;
    }

    static byte[] midStreamError(String message) {
        String event = "data: {\"error\":{\"message\":" + quote(message)
                + ",\"type\":\"server_error\",\"code\":\"upstream_unavailable\",\"param\":null}}\n\n";
        return event.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal of plain text the gateway wrote itself (no control characters). */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
