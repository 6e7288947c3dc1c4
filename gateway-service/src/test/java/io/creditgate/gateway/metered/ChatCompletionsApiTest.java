package io.creditgate.gateway.metered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.creditgate.gateway.web.GatewayException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChatCompletionsApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
    private final ChatCompletionsApi api = new ChatCompletionsApi();

    @Test
    void asksAStreamForItsUsageAndRemembersTheClientDidNot() {
        ApiRequest request = read("{\"model\":\"m\",\"stream\":true," + MESSAGES + "}");

        api.prepareForUpstream(request);

        assertThat(request.clientWantsUsage()).isFalse();
        assertThat(forwarded(request).at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void keepsTheClientsOtherStreamOptions() {
        ApiRequest request = read("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true,"
                + "\"include_obfuscation\":false}," + MESSAGES + "}");

        api.prepareForUpstream(request);

        assertThat(request.clientWantsUsage()).isTrue();
        assertThat(forwarded(request).at("/stream_options/include_obfuscation").asBoolean(true)).isFalse();
    }

    @Test
    void leavesANonStreamingRequestAsItCame() {
        ApiRequest request = read("{\"model\":\"m\"," + MESSAGES + "}");

        api.prepareForUpstream(request);

        assertThat(forwarded(request).has("stream_options")).isFalse();
    }

    @Test
    void capsMaxCompletionTokensWhenTheClientNamedNoLimit() {
        ApiRequest request = read("{\"model\":\"m\"," + MESSAGES + "}");

        api.capOutput(request, 12);

        assertThat(forwarded(request).get("max_completion_tokens").asLong()).isEqualTo(12);
        assertThat(forwarded(request).has("max_tokens")).isFalse();
    }

    @Test
    void capsBothLimitsWhenTheClientSentBoth() {
        ApiRequest request = read("{\"model\":\"m\",\"max_tokens\":90,\"max_completion_tokens\":80," + MESSAGES + "}");

        api.capOutput(request, 12);

        assertThat(request.askedOutputTokens()).isEqualTo(80);
        assertThat(forwarded(request).get("max_completion_tokens").asLong()).isEqualTo(12);
        assertThat(forwarded(request).get("max_tokens").asLong()).isEqualTo(12);
    }

    @Test
    void readsTheNumberOfChoices() {
        assertThat(read("{\"model\":\"m\",\"n\":3," + MESSAGES + "}").choices()).isEqualTo(3);
        assertThat(read("{\"model\":\"m\"," + MESSAGES + "}").choices()).isEqualTo(1);
    }

    @Test
    void refusesWhatItCannotMeter() {
        assertRefused("{\"model\":\"m\"," + MESSAGES + "} trailing", "invalid_json");
        assertRefused("{\"model\":42," + MESSAGES + "}", "model_invalid");
        assertRefused("{\"model\":\"m\",\"messages\":[]}", "messages_invalid");
        assertRefused("{\"model\":\"m\",\"messages\":[\"Hi\"]}", "messages_invalid");
        assertRefused("{\"model\":\"m\",\"stream\":\"yes\"," + MESSAGES + "}", "invalid_type");
        assertRefused("{\"model\":\"m\",\"n\":0," + MESSAGES + "}", "invalid_value");
        assertRefused("{\"model\":\"m\",\"n\":129," + MESSAGES + "}", "invalid_value");
        assertRefused("{\"model\":\"m\",\"max_completion_tokens\":3000000000," + MESSAGES + "}", "invalid_value");
        assertRefused("{\"model\":\"m\",\"max_tokens\":1.5," + MESSAGES + "}", "invalid_value");
    }

    private void assertRefused(String body, String code) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().code()).as(body).isEqualTo(code));
    }

    private ApiRequest read(String body) {
        return api.read(RequestFields.parseObject(JSON, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode forwarded(ApiRequest request) {
        return JSON.readTree(request.toBytes(JSON));
    }
}
