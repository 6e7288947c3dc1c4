package io.creditgate.gateway.metered;

import org.springframework.stereotype.Component;

import io.creditgate.gateway.metering.GeneratedText;
import io.creditgate.gateway.metering.TokenCounter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions}: {@code messages}, {@code n} choices, output limit in
 * {@code max_completion_tokens} or {@code max_tokens}; streams are asked for their usage chunk
 * ({@code stream_options.include_usage}), which is hidden from a client that did not ask for it.
 */
@Component
final class ChatCompletionsApi implements Api {

    /** OpenAI's bound on {@code n}. */
    private static final int MAX_CHOICES = 128;

    @Override
    public String path() {
        return "/v1/chat/completions";
    }

    @Override
    public String endpoint() {
        return "chat.completions";
    }

    @Override
    public ApiRequest read(ObjectNode body) {
        String model = RequestFields.requireModel(body);
        RequestFields.requireObjects(body, "messages");
        boolean stream = RequestFields.optionalBoolean(body, "stream");
        boolean clientWantsUsage = stream && RequestFields.streamOptionIncludeUsage(body);
        Long maxCompletion = RequestFields.optionalTokenLimit(body, "max_completion_tokens");
        Long max = RequestFields.optionalTokenLimit(body, "max_tokens");
        Long choices = RequestFields.optionalWholeNumber(body, "n", MAX_CHOICES);
        return new ApiRequest(body, model, stream, clientWantsUsage, maxCompletion != null ? maxCompletion : max,
                choices == null ? 1 : choices.intValue());
    }

    @Override
    public long estimatePromptTokens(ApiRequest request, TokenCounter tokens) {
        return tokens.countChatPrompt(request.model(), request.body());
    }

    /**
     * Limits the output in the field the client used: OpenAI refuses a request holding both
     * {@code max_tokens} and {@code max_completion_tokens} ("invalid_parameter_combination"), so
     * {@code max_tokens} alone is lowered when it is the client's only limit, and
     * {@code max_completion_tokens} is set otherwise.
     */
    @Override
    public void capOutput(ApiRequest request, long tokens) {
        ObjectNode body = request.body();
        boolean onlyMaxTokens = body.hasNonNull("max_tokens") && !body.hasNonNull("max_completion_tokens");
        if (onlyMaxTokens) {
            body.put("max_tokens", tokens);
            return;
        }
        body.put("max_completion_tokens", tokens);
        if (body.hasNonNull("max_tokens")) {
            body.put("max_tokens", tokens);
        }
    }

    /** Asks a stream for its final usage chunk, what the provider bills. */
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
            addGenerated(call.generated, choice.path("index").asInt(0), choice.path("message"));
        }
    }

    @Override
    public boolean meterEvent(SseEvent event, MeteredCall call, ApiRequest request) {
        if (event.data() == null) {
            return true;
        }
        for (JsonNode choice : event.data().path("choices")) {
            addGenerated(call.generated, choice.path("index").asInt(0), choice.path("delta"));
        }
        return OpenAiChunks.meterUsage(event.data(), call, request);
    }

    @Override
    public byte[] midStreamError(String message, long nextSequenceNumber) {
        return OpenAiChunks.midStreamError(message);
    }

    /**
     * Content, reasoning, refusal and tool calls (names and arguments) of one choice's {@code message} or
     * {@code delta}, each in a part of its own (a streamed tool call names its place in {@code index}). Every
     * kind of delta counts toward the estimate of a stream cut short.
     */
    private static void addGenerated(GeneratedText text, int choice, JsonNode messageOrDelta) {
        text.add(choice + ".content", messageOrDelta.path("content"));
        // Reasoning as DeepSeek and LiteLLM send it (reasoning_content) or as OpenRouter and vLLM do (reasoning);
        // a delta carrying both carries the same text twice, so reasoning_content wins.
        JsonNode reasoning = messageOrDelta.path("reasoning_content");
        text.add(choice + ".reasoning", reasoning.isString() ? reasoning : messageOrDelta.path("reasoning"));
        text.add(choice + ".refusal", messageOrDelta.path("refusal"));
        JsonNode calls = messageOrDelta.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            String tool = choice + ".tool." + call.path("index").asInt(i);
            text.add(tool + ".name", call.path("function").path("name"));
            text.add(tool + ".args", call.path("function").path("arguments"));
        }
        // The deprecated single function call of older clients.
        text.add(choice + ".function.name", messageOrDelta.path("function_call").path("name"));
        text.add(choice + ".function.args", messageOrDelta.path("function_call").path("arguments"));
    }
}
