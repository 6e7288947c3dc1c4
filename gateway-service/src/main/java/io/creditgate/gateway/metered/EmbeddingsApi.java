package io.creditgate.gateway.metered;

import org.springframework.stereotype.Component;

import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.web.OpenAiError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/embeddings}: an {@code input} that is a string, a token array, or an array of either;
 * input tokens only ({@code usage.prompt_tokens}), no output and no stream, so the reservation is the
 * prompt's cost and there is no output to cap.
 */
@Component
final class EmbeddingsApi implements Api {

    @Override
    public String path() {
        return "/v1/embeddings";
    }

    @Override
    public String endpoint() {
        return "embeddings";
    }

    @Override
    public ApiRequest read(ObjectNode body) {
        String model = RequestFields.requireModel(body);
        JsonNode input = body.get("input");
        if (input == null || !(input.isString() || input.isArray() && !input.isEmpty())) {
            throw OpenAiError.invalidRequest("input_invalid",
                    "'input' must be a string, an array of strings, or an array of token arrays.", "input").asException();
        }
        return new ApiRequest(body, model, false, false, 0L, 1);
    }

    @Override
    public long estimatePromptTokens(ApiRequest request, TokenCounter tokens) {
        return tokens.countPlainInput(request.model(), request.body().get("input"));
    }

    /** Embeddings produce no output tokens: nothing to cap. */
    @Override
    public void capOutput(ApiRequest request, long tokens) {
    }

    @Override
    public void meterAnswer(JsonNode answer, MeteredCall call) {
        JsonNode prompt = answer.path("usage").path("prompt_tokens");
        if (prompt.canConvertToLong()) {
            call.reported(TokenUsage.reported(Math.max(0, prompt.asLong()), 0, 0, 0));
        }
    }

    /** Embeddings do not stream; an event is passed on as it came. */
    @Override
    public boolean meterEvent(SseEvent event, MeteredCall call, ApiRequest request) {
        return true;
    }

    @Override
    public byte[] midStreamError(String message, long nextSequenceNumber) {
        return OpenAiChunks.midStreamError(message);
    }
}
