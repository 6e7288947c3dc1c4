package io.creditgate.gateway.web;

import org.springframework.http.HttpStatus;

/**
 * An error as OpenAI's API answers it: an HTTP status and the body
 * {@code {"error":{"message":…,"type":…,"code":…,"param":…}}}. LibreChat shows
 * {@code "<status> <message>"} to the user for 400/402/403, so messages are written for people.
 *
 * @param status the HTTP status
 * @param message what happened and what to do, in a full sentence
 * @param type OpenAI's error type, e.g. {@code invalid_request_error}
 * @param code a stable machine-readable code; never {@code insufficient_quota},
 *     {@code rate_limit_error} or {@code invalid_api_key}, which LibreChat replaces by canned text
 * @param param the request field at fault, or null
 */
public record OpenAiError(HttpStatus status, String message, String type, String code, String param) {

    /** The JSON body; {@code param} is written as null when absent, as OpenAI does. */
    public Body body() {
        return new Body(new Detail(message, type, code, param));
    }

    public GatewayException asException() {
        return new GatewayException(this);
    }

    /** The error as an answer that also carries these headers (e.g. {@code Retry-After}). */
    public GatewayException asException(java.util.Map<String, String> headers) {
        return new GatewayException(this, headers);
    }

    public static OpenAiError invalidRequest(String code, String message, String param) {
        return new OpenAiError(HttpStatus.BAD_REQUEST, message, "invalid_request_error", code, param);
    }

    public static OpenAiError unauthorized(String code, String message) {
        return new OpenAiError(HttpStatus.UNAUTHORIZED, message, "authentication_error", code, null);
    }

    public record Body(Detail error) {
    }

    public record Detail(String message, String type, String code, String param) {
    }
}
