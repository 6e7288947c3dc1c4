package io.creditgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class AnthropicErrorTest {

    @Test
    void usesAnthropicsErrorTypeForEachStatus() {
        assertThat(AnthropicError.typeOf(HttpStatus.BAD_REQUEST)).isEqualTo("invalid_request_error");
        assertThat(AnthropicError.typeOf(HttpStatus.UNAUTHORIZED)).isEqualTo("authentication_error");
        assertThat(AnthropicError.typeOf(HttpStatus.PAYMENT_REQUIRED)).isEqualTo("billing_error");
        assertThat(AnthropicError.typeOf(HttpStatus.NOT_FOUND)).isEqualTo("not_found_error");
        assertThat(AnthropicError.typeOf(HttpStatus.CONTENT_TOO_LARGE)).isEqualTo("request_too_large");
        assertThat(AnthropicError.typeOf(HttpStatus.TOO_MANY_REQUESTS)).isEqualTo("rate_limit_error");
        assertThat(AnthropicError.typeOf(HttpStatus.BAD_GATEWAY)).isEqualTo("api_error");
        assertThat(AnthropicError.typeOf(HttpStatus.GATEWAY_TIMEOUT)).isEqualTo("timeout_error");
    }

    @Test
    void keepsTheMessageAndTheGatewaysCode() {
        AnthropicError error = AnthropicError.of(OpenAiError.invalidRequest("model_not_found", "No such model.", "model"));

        assertThat(error.type()).isEqualTo("error");
        assertThat(error.error()).isEqualTo(new AnthropicError.Detail("invalid_request_error", "No such model.",
                "model_not_found"));
    }
}
