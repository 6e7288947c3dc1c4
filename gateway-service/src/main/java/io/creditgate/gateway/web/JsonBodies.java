package io.creditgate.gateway.web;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's /api request bodies, read one way for every handler: a bad body or field is a 400 that names it. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The request's body (empty when none); one above WebFlux's in-memory limit is 413 {@code request_too_large}, not
     * a store failure (the attack suite's HostileJsonTest found the key API answering such a body with 503).
     */
    public static Mono<byte[]> read(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new OpenAiError(HttpStatus.PAYLOAD_TOO_LARGE,
                        "The request body is too large.", "invalid_request_error", "request_too_large", null)
                        .asException());
    }

    /** The body as a JSON object; anything else (nothing, not JSON, an array) is 400 {@code invalid_json}. */
    public static JsonNode object(JsonMapper json, byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw OpenAiError.invalidRequest("invalid_json", "The body must be a JSON object.", null).asException();
    }

    /** A string field as given, or null when absent or null; any other type is 400 {@code invalid_<field>}. */
    public static String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw OpenAiError.invalidRequest("invalid_" + field, "'" + field + "' must be a string.", field).asException();
        }
        return value.asString();
    }
}
