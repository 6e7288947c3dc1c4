package io.creditgate.gateway.metered;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.creditgate.gateway.metering.TokenCounter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every published, API-reported prompt count we could source (openai-published-prompt-counts.json: the
 * request body, the model, the count the API reported and where that number is published), run through the
 * gateway's own estimate exactly as {@link MeteredCalls} runs it: {@link ChatCompletionsApi#read} then
 * {@link ChatCompletionsApi#estimatePromptTokens}.
 */
class PublishedPromptCountsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TokenCounter TOKENS = new TokenCounter();
    private static final String TABLE = "/io/creditgate/gateway/metering/openai-published-prompt-counts.json";

    private final ChatCompletionsApi api = new ChatCompletionsApi();

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (JsonNode row : table()) {
            rows.add(Arguments.of(row.get("case").stringValue(), row.get("model").stringValue(), row));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("rows")
    void estimatesThePromptAsTheApiReportedIt(String name, String model, JsonNode row) {
        long estimated = estimate(row.get("body"));

        long reported = row.get("promptTokens").asLong();
        if (row.path("exact").asBoolean(true)) {
            assertThat(estimated).as(row.get("source").stringValue()).isEqualTo(reported);
        } else {
            assertThat(Math.abs(estimated - reported)).as(row.get("why").stringValue())
                    .isLessThanOrEqualTo(row.get("toleranceTokens").asLong());
        }
    }

    @Test
    void holdsEveryOpenAiModelsRowToExactlyTheApisCountSaveTheUnmatchedDeploymentsRows() throws IOException {
        int exact = 0;
        int unmatched = 0;
        for (JsonNode row : table()) {
            assertThat(row.get("source").stringValue()).isNotBlank();
            if (row.path("exact").asBoolean(true)) {
                exact++;
            } else {
                assertThat(row.get("case").stringValue()).startsWith("tools: ");
                unmatched++;
            }
        }
        // Counted so that a row quietly turned inexact (or dropped) fails here.
        assertThat(exact).isEqualTo(88);
        assertThat(unmatched).isEqualTo(8);
    }

    private long estimate(JsonNode body) {
        ApiRequest request = api.read((ObjectNode) body.deepCopy());
        return api.estimatePromptTokens(request, TOKENS);
    }

    private static JsonNode table() throws IOException {
        try (InputStream in = PublishedPromptCountsTest.class.getResourceAsStream(TABLE)) {
            return JSON.readTree(in);
        }
    }
}
