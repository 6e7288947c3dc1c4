package io.creditgate.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TokenCounterTest {

    private final TokenCounter counter = new TokenCounter();

    /** The six-message example of OpenAI's cookbook "How to count tokens with tiktoken", with its published totals. */
    private final JsonNode cookbookMessages = JsonMapper.builder().build().readTree("""
            [
             {"role":"system","content":"You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
             {"role":"system","name":"example_user","content":"New synergies will help drive top-line growth."},
             {"role":"system","name":"example_assistant","content":"Things working well together will increase revenue."},
             {"role":"system","name":"example_user","content":"Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
             {"role":"system","name":"example_assistant","content":"Let's talk later when we're less busy about how to do better."},
             {"role":"user","content":"This late pivot means we don't have time to boil the ocean for the client deliverable."}
            ]""");

    @Test
    void countsTheCookbookExampleAsTheApiDoesForGpt4oFamilies() {
        assertThat(counter.countPrompt("gpt-4o-mini", cookbookMessages, null)).isEqualTo(124);
        assertThat(counter.countPrompt("gpt-4o", cookbookMessages, null)).isEqualTo(124);
    }

    @Test
    void countsOlderModelsWithCl100k() {
        assertThat(counter.countPrompt("gpt-4-0613", cookbookMessages, null)).isEqualTo(129);
    }

    @Test
    void choosesTheEncodingByModelFamily() {
        assertThat(counter.encodingFor("gpt-4.1-mini").getName()).isEqualTo("o200k_base");
        assertThat(counter.encodingFor("gpt-5-mini").getName()).isEqualTo("o200k_base");
        assertThat(counter.encodingFor("o3-mini").getName()).isEqualTo("o200k_base");
        assertThat(counter.encodingFor("o4-mini").getName()).isEqualTo("o200k_base");
        assertThat(counter.encodingFor("gpt-3.5-turbo").getName()).isEqualTo("cl100k_base");
    }

    @Test
    void treatsSpecialTokenTextInUserInputAsPlainText() {
        assertThat(counter.countCompletion("gpt-4o", "<|endoftext|>")).isPositive();
        assertThat(counter.countCompletion("gpt-4o", "")).isZero();
    }
}
