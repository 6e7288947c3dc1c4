package io.creditgate.gateway.web;

import java.util.Map;

/** Ends a call with an OpenAI-shaped error; carries no stack trace because it is an answer, not a bug. */
public final class GatewayException extends RuntimeException {

    private final transient OpenAiError error;
    private final transient Map<String, String> headers;

    GatewayException(OpenAiError error) {
        this(error, Map.of());
    }

    GatewayException(OpenAiError error, Map<String, String> headers) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public OpenAiError error() {
        return error;
    }

    /** Headers the error answer carries, e.g. {@code Retry-After} on a 429; empty for most errors. */
    public Map<String, String> headers() {
        return headers;
    }
}
