package io.creditgate.gateway.web;

import org.springframework.http.HttpStatus;

/**
 * An error as Anthropic's API answers it: {@code {"type":"error","error":{"type":…,"message":…}}}, with
 * Anthropic's error type for the status (its SDKs and clients read these). The gateway's own error code,
 * which Anthropic's shape has no field for, rides along as {@code error.code}; clients ignore it.
 */
public record AnthropicError(String type, Detail error) {

    /** The path whose errors take this shape. */
    public static final String PATH = "/v1/messages";

    public record Detail(String type, String message, String code) {
    }

    public static AnthropicError of(OpenAiError error) {
        return new AnthropicError("error", new Detail(typeOf(error.status()), error.message(), error.code()));
    }

    /** Anthropic's error type of an HTTP status (docs.anthropic.com, "Errors"). */
    static String typeOf(HttpStatus status) {
        return switch (status.value()) {
            case 413 -> "request_too_large";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status.is4xxClientError() ? "invalid_request_error" : "api_error";
        };
    }
}
