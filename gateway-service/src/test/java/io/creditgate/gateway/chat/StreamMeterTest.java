package io.creditgate.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.pricing.ModelPrice;
import tools.jackson.databind.json.JsonMapper;

class StreamMeterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TokenCounter TOKENS = new TokenCounter();
    private static final String CONTENT = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}],\"usage\":null}\n\n";
    private static final String USAGE_ONLY = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens\":5,"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":2}}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private final MeteredCall call = new MeteredCall(null, new UserId("u"), "gpt-4o", new ModelPrice(BigDecimal.ONE,
            null, BigDecimal.ONE, null), true, "request", "event", 11);

    @Test
    void hidesTheUsageOnlyChunkFromAClientThatDidNotAskAndKeepsItsUsage() {
        StreamMeter meter = new StreamMeter(JSON, call, false);

        assertThat(feed(meter, CONTENT + USAGE_ONLY + DONE)).containsExactly(CONTENT, DONE);
        assertThat(call.usage(TOKENS)).isEqualTo(new TokenUsage(9, 4, 5, 2, true));
    }

    @Test
    void passesTheUsageOnlyChunkToAClientThatAskedForIt() {
        assertThat(feed(new StreamMeter(JSON, call, true), CONTENT + USAGE_ONLY + DONE))
                .containsExactly(CONTENT, USAGE_ONLY, DONE);
    }

    @Test
    void keepsUsageThatRidesOnAContentChunk() {
        String contentWithUsage = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\n";

        assertThat(feed(new StreamMeter(JSON, call, false), contentWithUsage)).containsExactly(contentWithUsage);
        assertThat(call.usage(TOKENS).exact()).isTrue();
    }

    @Test
    void estimatesFromTheGeneratedTextWhenNoUsageCame() {
        feed(new StreamMeter(JSON, call, false), CONTENT + CONTENT);

        TokenUsage usage = call.usage(TOKENS);
        assertThat(usage.exact()).isFalse();
        assertThat(usage.promptTokens()).isEqualTo(11);
        assertThat(usage.completionTokens()).isEqualTo(2); // "HelloHello"
    }

    @Test
    void notesAnErrorEventInsideTheStream() {
        StreamMeter meter = new StreamMeter(JSON, call, false);

        feed(meter, "data: {\"error\":{\"message\":\"overloaded\"}}\n\n");

        assertThat(meter.upstreamReportedError()).isTrue();
    }

    private static List<String> feed(StreamMeter meter, String stream) {
        return meter.feed(stream.getBytes(StandardCharsets.UTF_8)).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
