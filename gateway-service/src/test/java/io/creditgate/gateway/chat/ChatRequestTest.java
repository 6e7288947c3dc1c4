package io.creditgate.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.creditgate.gateway.web.GatewayException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChatRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    @Test
    void asksAStreamForItsUsageAndRemembersTheClientDidNot() {
        ChatRequest request = parse("{\"model\":\"m\",\"stream\":true," + MESSAGES + "}");

        request.askForUsage();

        assertThat(request.clientWantsUsage()).isFalse();
        assertThat(forwarded(request).at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void keepsTheClientsOtherStreamOptions() {
        ChatRequest request = parse("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true,"
                + "\"include_obfuscation\":false}," + MESSAGES + "}");

        request.askForUsage();

        assertThat(request.clientWantsUsage()).isTrue();
        assertThat(forwarded(request).at("/stream_options/include_obfuscation").asBoolean(true)).isFalse();
    }

    @Test
    void capsMaxCompletionTokensWhenTheClientNamedNoLimit() {
        ChatRequest request = parse("{\"model\":\"m\"," + MESSAGES + "}");

        request.capOutput(12);

        assertThat(forwarded(request).get("max_completion_tokens").asLong()).isEqualTo(12);
        assertThat(forwarded(request).has("max_tokens")).isFalse();
    }

    @Test
    void capsBothLimitsWhenTheClientSentBoth() {
        ChatRequest request = parse("{\"model\":\"m\",\"max_tokens\":90,\"max_completion_tokens\":80," + MESSAGES + "}");

        request.capOutput(12);

        assertThat(request.askedOutputTokens()).isEqualTo(80);
        assertThat(forwarded(request).get("max_completion_tokens").asLong()).isEqualTo(12);
        assertThat(forwarded(request).get("max_tokens").asLong()).isEqualTo(12);
    }

    @Test
    void refusesWhatItCannotMeter() {
        assertRefused("{\"model\":\"m\"," + MESSAGES + "} trailing", "invalid_json");
        assertRefused("{\"model\":42," + MESSAGES + "}", "model_invalid");
        assertRefused("{\"model\":\"m\",\"messages\":[]}", "messages_invalid");
        assertRefused("{\"model\":\"m\",\"messages\":[\"Hi\"]}", "messages_invalid");
        assertRefused("{\"model\":\"m\",\"stream\":\"yes\"," + MESSAGES + "}", "invalid_type");
        assertRefused("{\"model\":\"m\",\"n\":0," + MESSAGES + "}", "invalid_value");
        assertRefused("{\"model\":\"m\",\"max_completion_tokens\":3000000000," + MESSAGES + "}", "invalid_value");
        assertRefused("{\"model\":\"m\",\"max_tokens\":1.5," + MESSAGES + "}", "invalid_value");
    }

    private static void assertRefused(String body, String code) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().code()).as(body).isEqualTo(code));
    }

    private static ChatRequest parse(String body) {
        return ChatRequest.parse(JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode forwarded(ChatRequest request) {
        return JSON.readTree(request.toBytes(JSON));
    }
}
