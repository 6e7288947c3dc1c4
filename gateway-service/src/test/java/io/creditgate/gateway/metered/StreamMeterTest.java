package io.creditgate.gateway.metered;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.gateway.pricing.PricedModel;
import tools.jackson.databind.json.JsonMapper;

class StreamMeterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TokenCounter TOKENS = new TokenCounter();
    private static final String CONTENT = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}],\"usage\":null}\n\n";
    private static final String USAGE_ONLY = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens\":5,"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":2}}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private final MeteredCall call = new MeteredCall(null, "chat.completions", new UserId("u"), "gpt-4o",
            new PricedModel("gpt-4o", ModelPrice.of(BigDecimal.ONE, null, BigDecimal.ONE), PricedModel.CONFIG), true, "request", "event", 11);

    @Test
    void hidesTheUsageOnlyChunkFromAClientThatDidNotAskAndKeepsItsUsage() {
        StreamMeter meter = chatMeter(false);

        assertThat(feedToEnd(meter, CONTENT + USAGE_ONLY + DONE)).containsExactly(CONTENT, DONE);
        assertThat(call.usage(TOKENS)).isEqualTo(TokenUsage.reported(9, 4, 5, 2));
    }

    @Test
    void passesTheUsageOnlyChunkToAClientThatAskedForIt() {
        assertThat(feedToEnd(chatMeter(true), CONTENT + USAGE_ONLY + DONE))
                .containsExactly(CONTENT, USAGE_ONLY, DONE);
    }

    @Test
    void keepsUsageThatRidesOnAContentChunk() {
        String contentWithUsage = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\n";

        assertThat(feed(chatMeter(false), contentWithUsage)).containsExactly(contentWithUsage);
        assertThat(call.usage(TOKENS).exact()).isTrue();
    }

    @Test
    void estimatesFromTheGeneratedTextWhenNoUsageCame() {
        feed(chatMeter(false), CONTENT + CONTENT);

        TokenUsage usage = call.usage(TOKENS);
        assertThat(usage.exact()).isFalse();
        assertThat(usage.promptTokens()).isEqualTo(11);
        assertThat(usage.completionTokens()).isEqualTo(2); // "HelloHello"
    }

    @Test
    void notesAnErrorEventInsideTheStream() {
        feed(chatMeter(false), "data: {\"error\":{\"message\":\"overloaded\"}}\n\n");

        assertThat(call.upstreamErrored()).isTrue();
    }

    @Test
    void readsTheResponsesApisUsageFromItsLastNamedEventAndPassesEveryEvent() {
        String delta = "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\","
                + "\"sequence_number\":4}\n\n";
        String completed = "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"usage\":"
                + "{\"input_tokens\":20,\"input_tokens_details\":{\"cached_tokens\":8},\"output_tokens\":6,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":3}}},\"sequence_number\":5}\n\n";
        StreamMeter meter = new StreamMeter(JSON, new ResponsesApi(), call, request(false));

        assertThat(feedToEnd(meter, delta + completed)).containsExactly(delta, completed);
        assertThat(call.usage(TOKENS)).isEqualTo(TokenUsage.reported(20, 8, 6, 3));
        assertThat(new String(meter.midStreamError("gone"), StandardCharsets.UTF_8))
                .startsWith("event: error\n").contains("\"sequence_number\":6");
    }

    @Test
    void keepsAnthropicsExactInputWhenTheStreamEndsBeforeItsFinalUsage() {
        String start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":7,"
                + "\"cache_read_input_tokens\":30,\"cache_creation_input_tokens\":5,\"output_tokens\":1}}}\n\n";
        String delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"HelloHello\"}}\n\n";
        String messageDelta = "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":15}}\n\n";
        StreamMeter meter = new StreamMeter(JSON, new AnthropicMessagesApi(), call, request(false));

        feed(meter, start + delta);
        assertThat(call.usage(TOKENS)).isEqualTo(new TokenUsage(42, 30, 5, 2, 0, false));

        feed(meter, messageDelta);
        assertThat(call.usage(TOKENS)).isEqualTo(new TokenUsage(42, 30, 5, 15, 0, true));
    }

    @Test
    void holdsBackEachApisEndingEventUntilTheCallIsRecorded() {
        StreamMeter chat = chatMeter(false);
        assertThat(feed(chat, CONTENT + DONE)).containsExactly(CONTENT);
        assertThat(strings(chat.ending())).containsExactly(DONE);
        assertThat(chat.ending()).isEmpty();

        String completed = "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{}}\n\n";
        StreamMeter responses = new StreamMeter(JSON, new ResponsesApi(), call, request(false));
        assertThat(feed(responses, completed)).isEmpty();
        assertThat(strings(responses.heldBack())).containsExactly(completed);

        String stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        StreamMeter messages = new StreamMeter(JSON, new AnthropicMessagesApi(), call, request(false));
        assertThat(feed(messages, stop)).isEmpty();
        assertThat(strings(messages.ending())).containsExactly(stop);
    }

    @Test
    void passesAHeldBackEndingOnFirstWhenTheUpstreamSendsMoreAfterIt() {
        StreamMeter meter = chatMeter(false);

        assertThat(feed(meter, DONE)).isEmpty();
        assertThat(feed(meter, CONTENT)).containsExactly(DONE, CONTENT);
        assertThat(meter.ending()).isEmpty();
    }

    @Test
    void endsWithTheHeldBackEventThenAnUnfinishedOne() {
        StreamMeter meter = chatMeter(false);
        String unfinished = "data: {\"choices\":[]}";

        assertThat(feed(meter, CONTENT + DONE + unfinished)).containsExactly(CONTENT);
        assertThat(strings(meter.ending())).containsExactly(DONE, unfinished);
    }

    private StreamMeter chatMeter(boolean clientWantsUsage) {
        return new StreamMeter(JSON, new ChatCompletionsApi(), call, request(clientWantsUsage));
    }

    private static ApiRequest request(boolean clientWantsUsage) {
        return new ApiRequest(JSON.createObjectNode(), "gpt-4o", true, clientWantsUsage, null, 1);
    }

    private static List<String> feed(StreamMeter meter, String stream) {
        return strings(meter.feed(stream.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the client gets of a stream the upstream finished: the events as they came, then the ending. */
    private static List<String> feedToEnd(StreamMeter meter, String stream) {
        List<String> events = new java.util.ArrayList<>(feed(meter, stream));
        events.addAll(strings(meter.ending()));
        return events;
    }

    private static List<String> strings(List<byte[]> events) {
        return events.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
