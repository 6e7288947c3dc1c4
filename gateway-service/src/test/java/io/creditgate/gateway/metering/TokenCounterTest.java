package io.creditgate.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TokenCounterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
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

    @Test
    void rendersFunctionDefinitionsAsOpenAisTypeScriptNamespace() {
        JsonNode tools = JSON.readTree("""
                [{"type":"function","function":{"name":"get_current_weather",
                  "description":"Get the current weather in a given location",
                  "parameters":{"type":"object","required":["location"],"properties":{
                    "location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},
                    "unit":{"type":"string","enum":["celsius","fahrenheit"]},
                    "days":{"type":"integer","enum":[1,3]},
                    "where":{"type":"object","properties":{"lat":{"type":"number","description":"dropped when nested"}}},
                    "tags":{"type":"array","items":{"type":"string"}}}}}},
                 {"type":"function","function":{"name":"ping"}}]""");

        assertThat(OpenAiToolFormat.render(tools, null)).isEqualTo("""
                # Tools

                ## functions

                namespace functions {

                // Get the current weather in a given location
                type get_current_weather = (_: {
                // The city and state, e.g. San Francisco, CA
                location: string,
                unit?: "celsius" | "fahrenheit",
                days?: 1 | 3,
                where?: {
                  lat?: number,
                },
                tags?: string[],
                }) => any;

                type ping = () => any;

                } // namespace functions""");
        assertThat(OpenAiToolFormat.render(JSON.readTree("[]"), null)).isNull();
    }

    @Test
    void countsAnAssistantsToolCallsLikeItsFunctionCallAndNotAToolResultsCallId() {
        String call = "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}";
        JsonNode toolCalls = JSON.readTree("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":" + call + "}]}]");
        JsonNode functionCall = JSON.readTree("[{\"role\":\"assistant\",\"content\":null,\"function_call\":" + call + "}]");
        JsonNode toolResult = JSON.readTree("[{\"role\":\"tool\",\"tool_call_id\":\"call_abcdefghijklmnop\",\"content\":\"18 C\"}]");
        JsonNode plain = JSON.readTree("[{\"role\":\"tool\",\"content\":\"18 C\"}]");

        assertThat(counter.countPrompt("gpt-4o", toolCalls, null)).isEqualTo(counter.countPrompt("gpt-4o", functionCall, null))
                .isEqualTo(3 + 3 + 1 + 3 + counter.count("gpt-4o", "get_weather") + counter.count("gpt-4o", "{\"city\":\"Paris\"}"));
        assertThat(counter.countPrompt("gpt-4o", toolResult, null)).isEqualTo(counter.countPrompt("gpt-4o", plain, null));
    }

    @Test
    void appendsAJsonSchemaResponseFormatToTheSystemMessage() {
        JsonNode plain = JSON.readTree("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}""");
        JsonNode withSchema = JSON.readTree("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,
                   "schema":{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}}}}""");
        JsonNode jsonObject = JSON.readTree("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
                 "response_format":{"type":"json_object"}}""");

        long section = counter.count("gpt-4o", "Be brief.\n\n# Response Formats\n\n## answer\n\n"
                + "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
                - counter.count("gpt-4o", "Be brief.");
        assertThat(counter.countChatPrompt("gpt-4o", withSchema)).isEqualTo(counter.countChatPrompt("gpt-4o", plain) + section);
        assertThat(counter.countChatPrompt("gpt-4o", jsonObject)).isEqualTo(counter.countChatPrompt("gpt-4o", plain));
    }

    @Test
    void putsToolsInASystemMessageOfTheirOwnWhenThereIsNone() {
        JsonNode body = JSON.readTree("""
                {"messages":[{"role":"user","content":"hello"}],
                 "functions":[{"name":"foo","parameters":{"type":"object","properties":{}}}]}""");

        // hmarr/openai-chat-tokens, tests/token-counts.test.ts: 31 prompt tokens on gpt-3.5-turbo.
        assertThat(counter.countChatPrompt("gpt-3.5-turbo", body)).isEqualTo(31);
    }

    @Test
    void estimatesInputAudioFromItsDuration() {
        // Two seconds of 16 kHz, 16-bit mono WAV: 64000 bytes of samples after a 44-byte header.
        byte[] wav = new byte[44 + 64_000];
        System.arraycopy("RIFF".getBytes(), 0, wav, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, wav, 8, 4);
        int byteRate = 32_000;
        wav[28] = (byte) byteRate;
        wav[29] = (byte) (byteRate >> 8);
        String base64 = java.util.Base64.getEncoder().encodeToString(wav);

        assertThat(AudioTokens.openAi(base64, "wav")).isEqualTo(21); // 2.001 s, rounded up
        assertThat(AudioTokens.openAi("", "mp3")).isZero();
        JsonNode message = JSON.readTree("[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
                + "\"input_audio\":{\"data\":\"" + base64 + "\",\"format\":\"wav\"}}]}]");
        assertThat(counter.countPrompt("gpt-4o-audio-preview", message, null)).isEqualTo(3 + 3 + 1 + 21);
    }
}
