package io.creditgate.gateway.web;

/** Ends a call with an OpenAI-shaped error; carries no stack trace because it is an answer, not a bug. */
public final class GatewayException extends RuntimeException {

    private final transient OpenAiError error;

    GatewayException(OpenAiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public OpenAiError error() {
        return error;
    }
}
