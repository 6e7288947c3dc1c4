package io.creditgate.gateway.metered;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.gateway.pricing.PricedModel;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stream cut short (no usage came) is charged the prompt estimate plus what was generated so far. Each test
 * streams one kind of delta and fails when that kind is not counted: every kind a provider bills as output.
 */
class StreamDeltaKindsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TokenCounter TOKENS = new TokenCounter();
    private static final String MODEL = "gpt-4o";
    /** Text every delta carries: 9 tokens in o200k_base. */
    private static final String TEXT = "The quick brown fox jumps over the lazy dog";

    static Stream<Arguments> deltaKinds() {
        return Stream.of(
                chat("content", "{\"content\":\"" + TEXT + "\"}"),
                chat("refusal", "{\"refusal\":\"" + TEXT + "\"}"),
                chat("tool_calls[].function.arguments",
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + TEXT + "\"}}]}"),
                chat("tool_calls[].function.name", "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"" + TEXT + "\",\"arguments\":\"\"}}]}"),
                chat("reasoning_content (DeepSeek, LiteLLM)", "{\"reasoning_content\":\"" + TEXT + "\"}"),
                chat("reasoning (OpenRouter, vLLM)", "{\"reasoning\":\"" + TEXT + "\"}"),
                chat("function_call.arguments (deprecated)", "{\"function_call\":{\"arguments\":\"" + TEXT + "\"}}"),
                responses("response.output_text.delta"),
                responses("response.refusal.delta"),
                responses("response.function_call_arguments.delta"),
                responses("response.reasoning_summary_text.delta"),
                responses("response.reasoning_text.delta"),
                anthropic("text_delta", "\"text\":\"" + TEXT + "\""),
                anthropic("input_json_delta", "\"partial_json\":\"" + TEXT + "\""),
                anthropic("thinking_delta", "\"thinking\":\"" + TEXT + "\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deltaKinds")
    void countsTheDeltaKindWhenTheStreamIsCutShort(String kind, Api api, String event) {
        MeteredCall call = call();

        new StreamMeter(JSON, api, call, new ApiRequest(JSON.createObjectNode(), MODEL, true, false, null, 1))
                .feed(event.getBytes(StandardCharsets.UTF_8));

        TokenUsage usage = call.usage(TOKENS);
        assertThat(usage.exact()).isFalse();
        assertThat(usage.completionTokens()).isEqualTo(TOKENS.countCompletion(MODEL, TEXT)).isEqualTo(9);
    }

    @Test
    void countsAChatDeltaCarryingBothReasoningFieldsOnce() {
        MeteredCall call = call();

        new StreamMeter(JSON, new ChatCompletionsApi(), call, new ApiRequest(JSON.createObjectNode(), MODEL, true, false,
                null, 1)).feed(chatEvent("{\"reasoning_content\":\"" + TEXT + "\",\"reasoning\":\"" + TEXT + "\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(call.usage(TOKENS).completionTokens()).isEqualTo(9);
    }

    @Test
    void countsNothingForEventsThatCarryNoGeneratedText() {
        MeteredCall call = call();
        String events = "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}\n\n"
                + "event: ping\ndata: {\"type\":\"ping\"}\n\n" + chatEvent("{\"role\":\"assistant\"}");

        new StreamMeter(JSON, new ResponsesApi(), call, new ApiRequest(JSON.createObjectNode(), MODEL, true, false,
                null, 1)).feed(events.getBytes(StandardCharsets.UTF_8));

        assertThat(call.usage(TOKENS).completionTokens()).isZero();
    }

    private static Arguments chat(String kind, String delta) {
        return Arguments.of("chat " + kind, new ChatCompletionsApi(), chatEvent(delta));
    }

    private static String chatEvent(String delta) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}\n\n";
    }

    private static Arguments responses(String type) {
        String event = "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"output_index\":0,\"content_index\":0,"
                + "\"summary_index\":0,\"delta\":\"" + TEXT + "\",\"sequence_number\":3}\n\n";
        return Arguments.of("responses " + type, new ResponsesApi(), event);
    }

    private static Arguments anthropic(String type, String field) {
        String event = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"" + type + "\"," + field + "}}\n\n";
        return Arguments.of("anthropic " + type, new AnthropicMessagesApi(), event);
    }

    private static MeteredCall call() {
        return new MeteredCall(null, "chat.completions", new UserId("u"), MODEL,
                new PricedModel("m", ModelPrice.of(BigDecimal.ONE, null, BigDecimal.ONE), PricedModel.CONFIG),
                true, "request", "event", 11);
    }
}
