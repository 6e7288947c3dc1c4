package io.creditgate.gateway.metered;

import org.springframework.stereotype.Component;

import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.web.OpenAiError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/completions}, OpenAI's legacy text completions: a {@code prompt} that is a string, a token
 * array, or an array of either (one completion per prompt); {@code n} choices each, and {@code best_of}
 * completions generated (and billed) server-side; output limit {@code max_tokens}, 16 when absent as at
 * OpenAI. Streams are asked for their usage chunk like chat completions.
 */
@Component
final class CompletionsApi implements Api {

    /** OpenAI's output limit of a legacy completion that names none. */
    static final long DEFAULT_MAX_TOKENS = 16;
    private static final int MAX_CHOICES = 128;
    private static final int MAX_BEST_OF = 20;

    @Override
    public String path() {
        return "/v1/completions";
    }

    @Override
    public String endpoint() {
        return "completions";
    }

    @Override
    public ApiRequest read(ObjectNode body) {
        String model = RequestFields.requireModel(body);
        int prompts = promptCount(body.get("prompt"));
        boolean stream = RequestFields.optionalBoolean(body, "stream");
        boolean clientWantsUsage = stream && RequestFields.streamOptionIncludeUsage(body);
        Long maxTokens = RequestFields.optionalTokenLimit(body, "max_tokens");
        Long n = RequestFields.optionalWholeNumber(body, "n", MAX_CHOICES);
        Long bestOf = RequestFields.optionalWholeNumber(body, "best_of", MAX_BEST_OF);
        long perPrompt = Math.max(n == null ? 1 : n, bestOf == null ? 1 : bestOf);
        return new ApiRequest(body, model, stream, clientWantsUsage, maxTokens != null ? maxTokens : DEFAULT_MAX_TOKENS,
                Math.toIntExact(prompts * perPrompt));
    }

    /** Every prompt's tokens (a token array counts its length) and the suffix once per prompt. */
    @Override
    public long estimatePromptTokens(ApiRequest request, TokenCounter tokens) {
        JsonNode prompt = request.body().get("prompt");
        JsonNode suffix = request.body().path("suffix");
        long suffixTokens = suffix.isString() ? tokens.count(request.model(), suffix.stringValue()) : 0;
        return tokens.countPlainInput(request.model(), prompt) + suffixTokens * promptCount(prompt);
    }

    @Override
    public void capOutput(ApiRequest request, long tokens) {
        request.body().put("max_tokens", tokens);
    }

    @Override
    public void prepareForUpstream(ApiRequest request) {
        if (request.stream()) {
            RequestFields.askForStreamUsage(request.body());
        }
    }

    @Override
    public void meterAnswer(JsonNode answer, MeteredCall call) {
        call.reportedOrNull(OpenAiChunks.usage(answer.get("usage")));
        for (JsonNode choice : answer.path("choices")) {
            call.generated.add(choice.path("index").asString("0"), choice.path("text"));
        }
    }

    @Override
    public boolean meterEvent(SseEvent event, MeteredCall call, ApiRequest request) {
        if (event.data() == null) {
            return true;
        }
        for (JsonNode choice : event.data().path("choices")) {
            call.generated.add(choice.path("index").asString("0"), choice.path("text"));
        }
        return OpenAiChunks.meterUsage(event.data(), call, request);
    }

    @Override
    public byte[] midStreamError(String message, long nextSequenceNumber) {
        return OpenAiChunks.midStreamError(message);
    }

    /** How many completions a prompt asks for: one per string or token array. */
    private static int promptCount(JsonNode prompt) {
        if (prompt != null && prompt.isString()) {
            return 1;
        }
        if (prompt == null || !prompt.isArray() || prompt.isEmpty()) {
            throw OpenAiError.invalidRequest("prompt_invalid",
                    "'prompt' must be a string, an array of strings, or an array of token arrays.", "prompt").asException();
        }
        return prompt.get(0).isNumber() ? 1 : prompt.size();
    }
}
